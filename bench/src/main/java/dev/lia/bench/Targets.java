package dev.lia.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Issue 13's targets, as geomeans over the programs of one run, for every Lia column measured. */
final class Targets {
    private Targets() {}

    /** One target: the part's table, the ratio, the goal (at most, or at least when {@code atLeast}). */
    private record Target(String what, Table table, Table.Ratio ratio, double goal, boolean atLeast) {}

    static String report(Table warm, Table wasi, Table cold, Options o) {
        List<Target> ts = new ArrayList<>();
        List<String> columns = new ArrayList<>(o.liaTiers.stream().map(LiaTiers::column).toList());
        if (o.launcher) columns.add(ProcessRuns.LAUNCHER);
        for (String l : columns) {
            if (warm != null && warm.columns.contains(l)) {
                ts.add(new Target("warm", warm, new Table.Ratio(l, "Chicory-compiler"), 1.0, false));
                ts.add(new Target("warm", warm, new Table.Ratio(l, "V8"), 2.5, false));
                ts.add(new Target("warm, fuel slices", warm, new Table.Ratio(l + "+fuel", l), 1.10, false));
                ts.add(new Target("warm, fuel slices refilled in place", warm, new Table.Ratio(l + "+refill", l), 1.10, false));
            }
            if (wasi != null && wasi.columns.contains(l)) {
                ts.add(new Target("WASI, whole process", wasi, new Table.Ratio(l, "Chicory-compiler"), 1.0, false));
            }
            if (cold != null && cold.columns.contains(l)) {
                ts.add(new Target("core cold, whole process", cold, new Table.Ratio("Chicory-interp", l), 3.0, true));
            }
        }
        ts.removeIf(t -> !t.table().columns.contains(t.ratio().num()) || !t.table().columns.contains(t.ratio().den()));
        if (ts.isEmpty()) return "";
        StringBuilder sb = new StringBuilder("\n## Targets (issue 13)\n\n"
                + "Geomeans over the programs of this run, by wall time and by CPU time (V8's warm figures have no CPU time). "
                + "Lia always counts fuel, so its warm figures are \"with fuel counting\".\n\n"
                + "| part | ratio | goal | wall | CPU | met (wall / CPU) |\n|---|---|--:|--:|--:|---|\n");
        for (Target t : ts) {
            double w = t.table().geomean(t.ratio(), false), c = t.table().geomean(t.ratio(), true);
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s %.2f× | %s | %s | %s / %s |%n", t.what(), t.ratio().header(),
                    t.atLeast() ? "≥" : "≤", t.goal(), Table.ratio(w), Table.ratio(c), met(t, w), met(t, c)));
        }
        return sb.toString();
    }

    private static String met(Target t, double v) {
        if (!Double.isFinite(v)) return "–";
        return (t.atLeast() ? v >= t.goal() : v <= t.goal()) ? "yes" : "no";
    }
}
