import dev.lia.script.value.Value;
import dev.lia.state.LiveSession;
import dev.lia.state.LoadedModule;
import dev.lia.state.MemoryStateCache;
import dev.lia.state.Retention;
import dev.lia.state.Session;
import dev.lia.state.SessionConflictException;
import dev.lia.state.SessionFile;
import dev.lia.state.SessionRunner;
import dev.lia.state.SessionStore;
import dev.lia.state.StateCache;
import dev.lia.state.StateCodec;
import dev.lia.wasm.runtime.Limits;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The load benchmark of issue 15 (a benchmark, not a test): W worker processes apply E events to
 * each of S sessions kept in one store, every event a conditional write; then it checks that no
 * event was lost or applied twice (session i's answers are exactly 1..E, in order) and that every
 * kept state hash equals a straight replay of that session's events, and prints events/s and the
 * p50/p99 latency of an event (from the read to the winning write, retries included).
 *
 * <p>Run by run.sh: {@code java -cp target/lia.jar tools/store-bench/StoreBench.java bench STORE [WORKERS SESSIONS EVENTS]}.
 */
public final class StoreBench {
    static final String LOOP = """
            i32 total = 0
            for i in 0 .. 100000 {
              i32 a = ext ask(i)
              total = total + a
            }
            return total
            """;

    public static void main(String[] args) throws Exception {
        if (args[0].equals("worker")) {
            worker(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]), Path.of(args[5]), Path.of(args[6]));
        } else {
            bench(args[1], args.length > 2 ? Integer.parseInt(args[2]) : 8, args.length > 3 ? Integer.parseInt(args[3]) : 200,
                    args.length > 4 ? Integer.parseInt(args[4]) : 20);
        }
    }

    static String name(int i) {
        return String.format("bench-%04d", i);
    }

    static void bench(String spec, int workers, int sessions, int events) throws Exception {
        LoadedModule module = LoadedModule.of(Files.readAllBytes(Path.of("examples/demo/demo.wasm")));
        Path tmp = Files.createTempDirectory("lia-store-bench");
        if (!spec.startsWith("postgresql://")) Files.createDirectories(Path.of(spec));
        try (SessionStore store = SessionStore.open(spec)) {
            for (String n : store.list()) if (n.startsWith("bench-")) store.remove(n);
            SessionRunner r = new SessionRunner(module, StateCache.NONE, Retention.NEVER);
            SessionRunner.Step st = r.run(Session.of(module, Limits.DEFAULT), r.script("loop.lia", LOOP), Map.of(), LiveSession.UNLIMITED);
            SessionFile start = SessionFile.of(module, st.session(), "blocked", st.state());
            for (int i = 0; i < sessions; i++) store.write(name(i), null, start);
        }
        Path go = tmp.resolve("go");
        List<Process> ps = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            ps.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
                    "tools/store-bench/StoreBench.java", "worker", spec, Integer.toString(w), Integer.toString(sessions), Integer.toString(events),
                    go.toString(), tmp.resolve("lat-" + w).toString()).inheritIO().start());
        }
        for (int w = 0; w < workers; w++) {
            while (!Files.exists(tmp.resolve("lat-" + w + ".ready"))) Thread.sleep(10);
        }
        long t0 = System.nanoTime();
        Files.writeString(go, "go");
        for (Process p : ps) {
            if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) throw new IllegalStateException("a worker failed");
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        List<Long> lat = new ArrayList<>();
        long conflicts = 0;
        for (int w = 0; w < workers; w++) {
            for (String line : Files.readAllLines(tmp.resolve("lat-" + w))) {
                if (line.startsWith("conflicts ")) conflicts += Long.parseLong(line.substring(10));
                else lat.add(Long.parseLong(line));
            }
        }
        // check: nothing lost, nothing twice, states equal a straight replay
        int bad = 0;
        try (SessionStore store = SessionStore.open(spec)) {
            SessionRunner replayer = new SessionRunner(module, StateCache.NONE, Retention.NEVER);
            for (int i = 0; i < sessions; i++) {
                SessionFile f = store.read(name(i)).file();
                List<Integer> answers = new ArrayList<>();
                for (Session.Event e : f.session().events()) if (e instanceof Session.Resolve r) answers.add(r.values().get(0).asI32());
                List<Integer> want = new ArrayList<>();
                for (int k = 1; k <= events; k++) want.add(k);
                String replayed = StateCodec.hashText(replayer.replay(f.session()).save());
                if (!answers.equals(want) || f.state() == null || !StateCodec.hashText(f.state()).equals(replayed)) {
                    bad++;
                    System.err.println(name(i) + ": answers " + answers + ", state " + (f.state() == null ? null : StateCodec.hashText(f.state()))
                            + ", replay " + replayed);
                }
            }
            for (int i = 0; i < sessions; i++) store.remove(name(i));
        }
        long[] l = lat.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("store %s: %d workers, %d sessions x %d events = %d events (%d latencies) in %.2f s: %.0f events/s;"
                        + " latency p50 %.2f ms, p99 %.2f ms; %d conflicts (retried); %s%n",
                spec.startsWith("postgresql:") ? "postgresql" : "directory", workers, sessions, events, sessions * events, l.length, seconds,
                sessions * events / seconds, pct(l, 50) / 1e6, pct(l, 99) / 1e6, conflicts,
                bad == 0 ? "every session holds answers 1.." + events + " once each and a state equal to a straight replay" : bad + " SESSIONS WRONG");
        if (bad != 0) System.exit(1);
    }

    static double pct(long[] sorted, int p) {
        if (sorted.length == 0) return Double.NaN;
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    /** Applies events to random unfinished sessions until every session has all of its events. */
    static void worker(String spec, int id, int sessions, int events, Path go, Path out) throws Exception {
        Random random = new Random(id);
        boolean[] finished = new boolean[sessions];
        int left = sessions;
        List<Long> lat = new ArrayList<>();
        long conflicts = 0;
        LoadedModule module = null;
        SessionRunner runner = null;
        MemoryStateCache cache = new MemoryStateCache(4);
        try (SessionStore store = SessionStore.open(spec)) {
            store.list(); // connect before the clock starts
            Files.writeString(Path.of(out + ".ready"), "");
            while (!Files.exists(go)) Thread.sleep(1);
            while (left > 0) {
                int i = random.nextInt(sessions);
                while (finished[i]) i = (i + 1) % sessions;
                long t0 = System.nanoTime();
                while (true) {
                    SessionStore.Versioned read = store.read(name(i));
                    SessionFile f = read.file();
                    int done = f.session().events().size() - 1;
                    if (done >= events) {
                        finished[i] = true;
                        left--;
                        break;
                    }
                    if (runner == null || !module.hasHash(f.session().moduleHash())) { // a long-lived worker keeps the compiled module and scripts
                        module = LoadedModule.of(f.moduleBytes());
                        runner = new SessionRunner(module, cache, Retention.ALWAYS);
                    }
                    if (f.state() != null) cache.put(f.session().key(), SessionRunner.entry(f.session().key(), f.state()));
                    SessionRunner.Step now = runner.current(f.session());
                    SessionRunner.Step step = runner.apply(now, new Session.Resolve(now.live().pendingRequest().name(),
                            List.of(Value.i32(done + 1)), LiveSession.UNLIMITED));
                    try {
                        store.write(name(i), read.version(), SessionFile.of(module, step.session(), "blocked", step.state()));
                        lat.add(System.nanoTime() - t0);
                        if (done + 1 >= events) {
                            finished[i] = true;
                            left--;
                        }
                        break;
                    } catch (SessionConflictException e) {
                        conflicts++;
                    }
                }
            }
        }
        List<String> lines = new ArrayList<>();
        for (long x : lat) lines.add(Long.toString(x));
        lines.add("conflicts " + conflicts);
        Files.write(out, lines);
    }
}
