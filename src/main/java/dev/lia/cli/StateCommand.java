package dev.lia.cli;

import dev.lia.script.value.Value;
import dev.lia.script.vm.Outcome;
import dev.lia.state.EngineState;
import dev.lia.state.LiveSession;
import dev.lia.state.Session;
import dev.lia.state.SessionFile;
import dev.lia.state.Sha256;
import dev.lia.state.StateCodec;
import dev.lia.state.StateException;
import dev.lia.wasm.runtime.Limits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code lia state FILE [--json]} (or {@code --store STORE --session NAME}): what a session holds. */
@Command(name = "state",
        mixinStandardHelpOptions = true,
        description = {"Prints what a session file holds: the module's hash, the scripts, the log of events, "
                + "where the session stands (the pending request), the saved state's hash and size, how many memory pages it keeps, "
                + "and the fuel used. Nothing runs."},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  the file is sound", "  2  bad input: unreadable or damaged session file (a damaged saved state is reported, with exit 0, "
                + "when the log is intact)"})
final class StateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "the session file (or --session NAME)")
    Path file;

    @Option(names = "--session", paramLabel = "NAME", description = "the session NAME in the --store (or, without one, the file NAME)")
    String name;

    @picocli.CommandLine.Mixin
    StoreOption store = new StoreOption();

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Override
    public Integer call() {
        StoreOption.Place place = store.place("lia state", file, name);
        try (dev.lia.state.SessionStore ignored = place.store()) {
            return show(place.file() != null ? "session " + place.label() : place.label(), SessionFiles.read("lia state", place, true).file());
        }
    }

    /** @param heading the first line: {@code session FILE}, or {@code session NAME in STORE} */
    private int show(String heading, SessionFile f) {
        Session s = f.session();
        byte[] state = f.state();
        EngineState decoded = null;
        String problem = f.stateProblem() != null ? f.stateProblem().getMessage() : null;
        if (state != null) {
            try {
                decoded = StateCodec.decode(state, Limits.DEFAULT);
            } catch (StateException e) {
                problem = e.getMessage();
            }
        }
        List<Session.Script> scripts = s.scripts();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            StringBuilder sb = new StringBuilder("{\"module\":\"").append(Sha256.text(s.moduleHash())).append("\",\"moduleSize\":")
                    .append(f.moduleBytes().length).append(",\"key\":\"").append(s.key()).append("\",\"scripts\":[");
            sb.append(scripts.stream().map(x -> "{\"name\":" + Json.string(x.name()) + ",\"id\":\"" + x.programId() + "\"}")
                    .collect(Collectors.joining(",")));
            sb.append("],\"events\":[");
            sb.append(s.events().stream().map(e -> eventJson(e, scripts)).collect(Collectors.joining(",")));
            sb.append("],\"last\":").append(Json.string(f.summary()));
            if (decoded != null) {
                sb.append(",\"state\":\"").append(StateCodec.hashText(state)).append("\",\"stateSize\":").append(state.length)
                        .append(",\"pages\":{\"kept\":").append(decoded.nonZeroPages()).append(",\"total\":").append(decoded.totalPages())
                        .append("},\"fuelUsed\":").append(decoded.fuelUsed());
                if (!decoded.heap().isEmpty()) {
                    sb.append(",\"heap\":{\"objects\":").append(decoded.heap().objects().size()).append(",\"exceptions\":")
                            .append(decoded.heap().exceptions().size()).append('}');
                }
                Outcome.Blocked pending = decoded.script() == null ? null : decoded.script().vm().request();
                if (pending != null) {
                    sb.append(",\"pending\":{\"name\":").append(Json.string(pending.name())).append(",\"args\":").append(Json.values(pending.args()))
                            .append(",\"expects\":[").append(pending.expects().stream().map(t -> "\"" + t + "\"").collect(Collectors.joining(",")))
                            .append("]}");
                }
            } else {
                sb.append(",\"state\":null");
                if (problem != null) sb.append(",\"stateProblem\":").append(Json.string(problem));
            }
            out.println(sb.append('}'));
            return Main.OK;
        }
        out.println(heading);
        out.println("module: " + Sha256.text(s.moduleHash()) + " (" + f.moduleBytes().length + " bytes)");
        out.println("key:    " + s.key());
        for (dev.lia.state.Session.HostSetup h : s.hosts()) out.println("hosts:  " + describe(h));
        out.println("scripts:");
        for (int i = 0; i < scripts.size(); i++) out.println("  " + (i + 1) + ". " + scripts.get(i).name() + "  ops " + scripts.get(i).programId());
        out.println("events:");
        int n = 1;
        for (Session.Event e : s.events()) out.println("  " + n++ + ". " + eventText(e, scripts));
        out.println("last:   " + f.summary());
        if (decoded != null) {
            Outcome.Blocked pending = decoded.script() == null ? null : decoded.script().vm().request();
            if (pending != null) out.println("pending: " + OutcomePrinter.text(pending).replace("blocked: ", "").replace("\n  ", ", "));
            else if (decoded.script() != null) out.println("pending: more fuel");
            out.println("state:  " + StateCodec.hashText(state) + " (" + state.length + " bytes; " + decoded.nonZeroPages() + " of "
                    + decoded.totalPages() + " memory pages kept)");
            if (!decoded.heap().isEmpty()) {
                out.println("heap:   " + decoded.heap().objects().size() + " GC objects, " + decoded.heap().exceptions().size() + " exceptions");
            }
            out.println("fuel used: " + decoded.fuelUsed());
        } else if (problem != null) {
            out.println("state:  unusable: " + problem + " (lia resume --replay rebuilds it from the log)");
        } else {
            out.println("state:  none saved (the log replays)");
        }
        return Main.OK;
    }

    private static String fuelText(long fuel) {
        return fuel == LiveSession.UNLIMITED ? "" : "  fuel " + fuel;
    }

    private static String eventText(Session.Event e, List<Session.Script> scripts) {
        if (e instanceof Session.Run r) {
            String in = r.inputs().entrySet().stream().map(x -> x.getKey() + "=" + x.getValue()).collect(Collectors.joining(", "));
            return "run " + r.script().name() + (in.isEmpty() ? "" : " (" + in + ")") + fuelText(r.fuel());
        }
        if (e instanceof Session.Resolve r) {
            return "resolve " + r.request() + " with (" + r.values().stream().map(Value::toString).collect(Collectors.joining(", ")) + ")" + fuelText(r.fuel());
        }
        return "refuel" + fuelText(e.fuel());
    }

    private static String eventJson(Session.Event e, List<Session.Script> scripts) {
        String fuel = e.fuel() == LiveSession.UNLIMITED ? "null" : Long.toString(e.fuel());
        if (e instanceof Session.Run r) {
            List<String> in = new ArrayList<>();
            for (Map.Entry<String, Value> x : r.inputs().entrySet()) in.add(Json.string(x.getKey()) + ":" + Json.value(x.getValue()));
            return "{\"event\":\"run\",\"script\":" + scripts.indexOf(r.script()) + ",\"inputs\":{" + String.join(",", in) + "},\"fuel\":" + fuel + "}";
        }
        if (e instanceof Session.Resolve r) {
            return "{\"event\":\"resolve\",\"request\":" + Json.string(r.request()) + ",\"values\":" + Json.values(r.values()) + ",\"fuel\":" + fuel + "}";
        }
        return "{\"event\":\"refuel\",\"fuel\":" + fuel + "}";
    }

    /** A host component and its settings in words: {@code wasi: args [a, b], env {K=V}, seed 0}. */
    private static String describe(dev.lia.state.Session.HostSetup h) {
        if (!h.component().equals(dev.lia.wasi.session.WasiComponent.NAME)) return h.component() + " (" + h.settings().length + " bytes of settings)";
        try {
            dev.lia.wasi.session.WasiComponent.Settings w = dev.lia.wasi.session.WasiComponent.Settings.decode(h.settings());
            return "wasi: args " + w.args() + ", env " + w.env() + ", seed " + w.seed();
        } catch (IllegalArgumentException e) {
            return "wasi: bad settings: " + e.getMessage();
        }
    }
}
