package dev.lia.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Figures of one part of the run (program -> column -> times in ms, and the same for CPU time),
 * and their markdown: a table of medians with ratio columns and a geomean row, and a spread table.
 */
final class Table {
    /** A ratio column: median of num over median of den. */
    record Ratio(String num, String den) {
        String header() {
            return num + "/" + den;
        }
    }

    /** Columns the ratios put in the denominator: the engines Lia is measured against and aims to reach. */
    static final Set<String> REFERENCES = Set.of("V8", "Chicory-compiler");

    final List<String> programs = new ArrayList<>();
    final List<String> columns = new ArrayList<>();
    final Map<String, Map<String, double[]>> wall = new LinkedHashMap<>();
    final Map<String, Map<String, double[]>> cpu = new LinkedHashMap<>();
    /** "program/column" -> message */
    final Map<String, String> failed = new LinkedHashMap<>();

    Table(List<String> programs, List<String> columns) {
        this.programs.addAll(programs);
        this.columns.addAll(columns);
    }

    void put(String program, String column, double[] wallMs, double[] cpuMs) {
        wall.computeIfAbsent(program, k -> new LinkedHashMap<>()).put(column, wallMs);
        if (cpuMs != null && Double.isFinite(Stats.median(cpuMs))) {
            cpu.computeIfAbsent(program, k -> new LinkedHashMap<>()).put(column, cpuMs);
        }
    }

    void fail(String program, String column, String message) {
        failed.put(program + "/" + column, message);
    }

    /**
     * The ratio columns, for every Lia column L (one per tier): L/E for the references E (how many
     * times slower Lia is: the targets are at most 1.0 against Chicory's compiler, 2.5
     * against V8), E/L for every other engine (how many times faster Lia is), and L+fuel/L and
     * L+refill/L (the cost of fuel slices, taking each stop or refilled in place).
     */
    static List<Ratio> ratios(List<String> columns) {
        List<Ratio> rs = new ArrayList<>();
        for (String l : columns) {
            if (!isLia(l) || l.endsWith("+fuel") || l.endsWith("+refill")) continue;
            for (String c : columns) {
                if (isLia(c)) continue;
                rs.add(REFERENCES.contains(c) ? new Ratio(l, c) : new Ratio(c, l));
            }
            if (columns.contains(l + "+fuel")) rs.add(new Ratio(l + "+fuel", l));
            if (columns.contains(l + "+refill")) rs.add(new Ratio(l + "+refill", l));
        }
        return rs;
    }

    static boolean isLia(String column) {
        return column.startsWith("Lia");
    }

    double median(Map<String, Map<String, double[]>> data, String program, String column) {
        double[] t = data.getOrDefault(program, Map.of()).get(column);
        return t == null ? Double.NaN : Stats.median(t);
    }

    /** The geomean over the programs of a ratio's per-program medians (NaN when none has both). */
    double geomean(Ratio r, boolean byCpu) {
        Map<String, Map<String, double[]>> data = byCpu ? cpu : wall;
        List<Double> xs = new ArrayList<>();
        for (String p : programs) xs.add(median(data, p, r.num()) / median(data, p, r.den()));
        return Stats.geomean(xs);
    }

    /** The medians table of wall (or CPU) times, with the ratio columns and a geomean row. */
    String medians(boolean byCpu) {
        Map<String, Map<String, double[]>> data = byCpu ? cpu : wall;
        List<String> cols = columns.stream().filter(c -> data.values().stream().anyMatch(m -> m.containsKey(c))
                || !byCpu && failed.keySet().stream().anyMatch(k -> k.endsWith("/" + c))).toList();
        List<Ratio> rs = ratios(cols);
        StringBuilder sb = new StringBuilder("| program |");
        cols.forEach(c -> sb.append(' ').append(c).append(" ms |"));
        rs.forEach(r -> sb.append(' ').append(r.header()).append(" |"));
        sb.append("\n|---|").append("--:|".repeat(cols.size() + rs.size())).append('\n');
        Map<String, List<Double>> col = new LinkedHashMap<>();
        for (String p : programs) {
            sb.append("| ").append(p).append(" |");
            for (String c : cols) {
                double m = median(data, p, c);
                col.computeIfAbsent(c, k -> new ArrayList<>()).add(m);
                sb.append(' ').append(failed.containsKey(p + "/" + c) ? "FAIL" : ms(m)).append(" |");
            }
            for (Ratio r : rs) {
                double v = median(data, p, r.num()) / median(data, p, r.den());
                col.computeIfAbsent(r.header(), k -> new ArrayList<>()).add(v);
                sb.append(' ').append(ratio(v)).append(" |");
            }
            sb.append('\n');
        }
        sb.append("| **geomean** |");
        for (String c : cols) sb.append(" **").append(ms(Stats.geomean(col.get(c)))).append("**").append(count(col.get(c))).append(" |");
        for (Ratio r : rs) {
            List<Double> xs = col.get(r.header());
            sb.append(" **").append(ratio(Stats.geomean(xs))).append("**").append(count(xs)).append(" |");
        }
        return sb.append('\n').toString();
    }

    /** Median, min, max and CPU median of every program and column. */
    String spread() {
        StringBuilder sb = new StringBuilder("| program | engine | median | min | max | runs | CPU median |\n|---|---|--:|--:|--:|--:|--:|\n");
        for (String p : programs) {
            for (Map.Entry<String, double[]> e : wall.getOrDefault(p, Map.of()).entrySet()) {
                double[] t = e.getValue();
                double[] c = cpu.getOrDefault(p, Map.of()).get(e.getKey());
                sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %d | %s |%n", p, e.getKey(),
                        ms(Stats.median(t)), ms(Stats.min(t)), ms(Stats.max(t)), t.length, c == null ? "–" : ms(Stats.median(c))));
            }
        }
        return sb.toString();
    }

    String failures() {
        StringBuilder sb = new StringBuilder();
        failed.forEach((k, v) -> sb.append("- ").append(k).append(": ").append(v).append('\n'));
        return sb.toString();
    }

    /** " (n of m)" when a geomean stands on fewer than all programs. */
    private static String count(List<Double> xs) {
        long n = xs.stream().filter(x -> Double.isFinite(x) && x > 0).count();
        return n == xs.size() ? "" : " (" + n + " of " + xs.size() + ")";
    }

    static String ms(double v) {
        if (!Double.isFinite(v)) return "–";
        if (v >= 100) return String.format(Locale.ROOT, "%,.0f", v);
        if (v >= 10) return String.format(Locale.ROOT, "%.1f", v);
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String ratio(double v) {
        if (!Double.isFinite(v)) return "–";
        return String.format(Locale.ROOT, v >= 10 ? "%.1f×" : "%.2f×", v);
    }
}
