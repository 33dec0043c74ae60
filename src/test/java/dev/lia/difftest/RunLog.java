package dev.lia.difftest;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The results file of one shard of a differential run: a line per judged seed (seed, verdict, export
 * calls, features used, unsaveable reason, milliseconds), appended and flushed as each is judged,
 * and a {@code # session} line with the times when a process ends. Reading it back makes a run
 * resumable; {@link #summary} adds up every results file of a folder.
 */
final class RunLog implements AutoCloseable {
    static final String GENERATOR_FAILURE = "GENERATOR_FAILURE";

    record Entry(long seed, String verdict, int calls, Set<FeatureMix> features, String reason, long millis) {
        static Entry generatorFailure(long seed, String why) {
            return new Entry(seed, GENERATOR_FAILURE, 0, Set.of(), why.replaceAll("\\s+", " "), 0);
        }

        Entry withMillis(long ms) {
            return new Entry(seed, verdict, calls, features, reason, ms);
        }

        String line() {
            StringBuilder f = new StringBuilder();
            for (FeatureMix x : features) f.append(f.length() > 0 ? "," : "").append(x.name());
            return seed + "\t" + verdict + "\t" + calls + "\t" + (f.length() == 0 ? "-" : f) + "\t" + (reason.isEmpty() ? "-" : reason) + "\t" + millis;
        }

        static Entry parse(String line) {
            String[] p = line.split("\t");
            Set<FeatureMix> fs = EnumSet.noneOf(FeatureMix.class);
            if (!p[3].equals("-")) for (String x : p[3].split(",")) fs.add(FeatureMix.valueOf(x));
            return new Entry(Long.parseLong(p[0]), p[1], Integer.parseInt(p[2]), fs, p[4].equals("-") ? "" : p[4], Long.parseLong(p[5]));
        }
    }

    private final Set<Long> done = new HashSet<>();
    private final Map<String, Integer> verdicts = new TreeMap<>();
    private final BufferedWriter out;

    private RunLog(BufferedWriter out) {
        this.out = out;
    }

    static RunLog open(Path dir, long first, int count, int shard, int shards) throws IOException {
        Path file = dir.resolve("results-" + first + "-" + count + "-" + shard + "-of-" + shards + ".tsv");
        BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        RunLog log = new RunLog(w);
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank() || line.startsWith("#")) continue;
            Entry e = Entry.parse(line);
            log.done.add(e.seed());
            log.verdicts.merge(e.verdict(), 1, Integer::sum);
        }
        return log;
    }

    boolean done(long seed) {
        return done.contains(seed);
    }

    void append(Entry e) throws IOException {
        out.write(e.line());
        out.newLine();
        out.flush();
        done.add(e.seed());
        verdicts.merge(e.verdict(), 1, Integer::sum);
    }

    String progress() {
        return done.size() + " seeds " + verdicts;
    }

    void session(int modules, long wallNanos, long javaCpuNanos, long nodeCpuNanos) throws IOException {
        out.write(String.format("# session modules=%d wall_s=%.1f java_cpu_s=%.1f node_cpu_s=%.1f ended=%s%n", modules, wallNanos / 1e9,
                javaCpuNanos / 1e9, nodeCpuNanos / 1e9, java.time.Instant.now()));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    static long javaCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    private static java.nio.file.attribute.FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** An unsaveable stop's reason without its numbers, so that stops of one kind count together. */
    static String reason(String unsaveableEvent) {
        String r = unsaveableEvent.startsWith("unsaveable: ") ? unsaveableEvent.substring("unsaveable: ".length()) : unsaveableEvent;
        return r.replaceAll("[0-9]+", "N").replaceAll("\\s+", " ");
    }

    /** Every results file in {@code dir} added up (a seed judged twice counts once, its last line). */
    static void summary(Path dir, PrintStream print) throws IOException {
        Map<Long, Entry> bySeed = new TreeMap<>();
        double wall = 0, javaCpu = 0, nodeCpu = 0;
        int sessions = 0;
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            // oldest first, so that a seed judged again (after a fix, by a later run) counts as judged last
            files = s.filter(p -> p.getFileName().toString().startsWith("results-") && p.toString().endsWith(".tsv"))
                    .sorted(java.util.Comparator.comparing(RunLog::modified)).toList();
        }
        for (Path f : files) {
            for (String line : Files.readAllLines(f)) {
                if (line.startsWith("# session")) {
                    sessions++;
                    for (String kv : line.substring(10).split(" ")) {
                        String[] p = kv.split("=");
                        if (p[0].equals("wall_s")) wall += Double.parseDouble(p[1]);
                        if (p[0].equals("java_cpu_s")) javaCpu += Double.parseDouble(p[1]);
                        if (p[0].equals("node_cpu_s")) nodeCpu += Double.parseDouble(p[1]);
                    }
                } else if (!line.isBlank() && !line.startsWith("#")) {
                    Entry e = Entry.parse(line);
                    bySeed.put(e.seed(), e);
                }
            }
        }
        Map<String, Integer> verdicts = new TreeMap<>();
        Map<FeatureMix, Integer> features = new TreeMap<>();
        Map<String, Integer> unsaveable = new TreeMap<>();
        long calls = 0, millis = 0;
        int allSix = 0;
        for (Entry e : bySeed.values()) {
            verdicts.merge(e.verdict(), 1, Integer::sum);
            calls += e.calls();
            millis += e.millis();
            for (FeatureMix f : e.features()) features.merge(f, 1, Integer::sum);
            if (e.features().containsAll(EnumSet.of(FeatureMix.SIMD, FeatureMix.TAIL_CALLS, FeatureMix.EXCEPTIONS, FeatureMix.GC))) allSix++;
            if (!e.reason().isEmpty() && e.verdict().equals("UNSAVEABLE")) unsaveable.merge(e.reason(), 1, Integer::sum);
        }
        int failures = verdicts.getOrDefault(GENERATOR_FAILURE, 0);
        print.printf("seeds %d (%s..%s), modules %d, export calls %d%n", bySeed.size(), bySeed.isEmpty() ? "-" : ((TreeMap<Long, Entry>) bySeed).firstKey(),
                bySeed.isEmpty() ? "-" : ((TreeMap<Long, Entry>) bySeed).lastKey(), bySeed.size() - failures, calls);
        print.println("verdicts " + verdicts);
        print.println("modules using each feature " + features + "; SIMD, tail calls, exceptions and GC all in one module: " + allSix);
        print.println("unsaveable stepped runs by reason " + unsaveable);
        print.printf("sessions %d: wall %.0f s, Java CPU %.0f s, node CPU %.0f s; per-seed time added up %.0f s%n", sessions, wall, javaCpu, nodeCpu, millis / 1e3);
    }
}
