package dev.lia.state;

import dev.lia.script.value.Value;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A worker process for the store tests: reads a blocked session, answers its request with a value,
 * then waits at a barrier (it writes READY, then waits for GO to exist) so that every worker of a
 * round has read the same version before any writes, and writes conditionally. Prints "won" (exit 0)
 * or the conflict's message (exit 5).
 *
 * <p>Arguments: STORE NAME VALUE READY GO (or see {@link #loop})
 */
public final class StoreWorker {
    private StoreWorker() {}

    public static void main(String[] args) throws Exception {
        if (args[0].equals("loop")) {
            loop(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            return;
        }
        try (SessionStore store = SessionStore.open(args[0])) {
            String name = args[1];
            int value = Integer.parseInt(args[2]);
            SessionStore.Versioned read = store.read(name);
            SessionRunner.Step step = answer(read.file(), value);
            Files.writeString(Path.of(args[3]), "ready");
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!Files.exists(Path.of(args[4]))) {
                if (System.nanoTime() > deadline) throw new IllegalStateException("no GO within a minute");
                Thread.sleep(2);
            }
            try {
                store.write(name, read.version(), SessionFile.of(LoadedModule.of(read.file().moduleBytes()), step.session(), "blocked", step.state()));
                System.out.println("won");
                System.exit(0);
            } catch (SessionConflictException e) {
                System.out.println(e.getMessage());
                System.exit(5);
            }
        }
    }

    /**
     * Arguments {@code loop STORE NAME FIRST COUNT}: answers the session COUNT times with FIRST,
     * FIRST+1, ..., printing "won V" after each write that won (so a killed worker's acknowledged
     * answers are known) and "lost V" after each conflict.
     */
    static void loop(String spec, String name, int first, int count) {
        try (SessionStore store = SessionStore.open(spec)) {
            for (int i = 0; i < count; i++) {
                int value = first + i;
                SessionStore.Versioned read = store.read(name);
                SessionRunner.Step step = answer(read.file(), value);
                try {
                    store.write(name, read.version(), SessionFile.of(LoadedModule.of(read.file().moduleBytes()), step.session(), "blocked", step.state()));
                    System.out.println("won " + value);
                } catch (SessionConflictException e) {
                    System.out.println("lost " + value);
                }
                System.out.flush();
            }
        }
    }

    /** Answers the pending request of a blocked session with one i32, as lia resume would. */
    static SessionRunner.Step answer(SessionFile f, int value) {
        LoadedModule module = LoadedModule.of(f.moduleBytes());
        MemoryStateCache cache = new MemoryStateCache(2);
        if (f.state() != null) cache.put(f.session().key(), SessionRunner.entry(f.session().key(), f.state()));
        SessionRunner runner = new SessionRunner(module, cache, Retention.ALWAYS);
        SessionRunner.Step now = runner.current(f.session());
        var pending = now.live().pendingRequest();
        return runner.apply(now, new Session.Resolve(pending.name(), List.of(Value.i32(value)), LiveSession.UNLIMITED));
    }
}
