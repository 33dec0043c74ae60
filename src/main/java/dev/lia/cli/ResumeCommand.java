package dev.lia.cli;

import dev.lia.script.syntax.Type;
import dev.lia.script.value.Value;
import dev.lia.script.value.ValueText;
import dev.lia.script.vm.Outcome;
import dev.lia.state.LiveSession;
import dev.lia.state.LoadedModule;
import dev.lia.state.Session;
import dev.lia.state.SessionFile;
import dev.lia.state.SessionRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code lia resume FILE [--result VALUE]... [--fuel N] [--json] [--keep] [--replay]}, or {@code lia resume --store STORE --session NAME ...}. */
@Command(name = "resume",
        mixinStandardHelpOptions = true,
        description = {"Continues the session kept in FILE: answers its pending request with the --result values, "
                + "in order, or gives it more fuel when it ran out.",
                "Each --result is read by the type the request expects (as lia run reads --arg: 5, -1.5, \"text\", hex:00ff, @path) "
                        + "or names its type: i32:5, i64:-1, f32:0.5, f64:nan, octs:\"hi\", octs:hex:00ff. "
                        + "The count and types must match the request.",
                "Prints the outcome as lia run does, then the state hash; FILE is rewritten atomically after every step, "
                        + "a finished one too: a step is never applied twice."},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  done", "  1  trapped", "  2  failed, or bad input (usage, session file, results)",
                "  3  blocked on a request", "  4  out of fuel", "  5  the session changed since it was read: nothing was written",
                "  6  the program exited (WASI proc_exit) with a code other than 0 (exited with 0 is 0)", "  70 internal error"})
final class ResumeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "the session file (or --session NAME)")
    Path file;

    @Option(names = "--session", paramLabel = "NAME", description = "the session NAME in the --store (or, without one, the file NAME)")
    String name;

    @picocli.CommandLine.Mixin
    StoreOption store = new StoreOption();

    @picocli.CommandLine.Mixin
    RetentionOption retention = new RetentionOption();

    @Option(names = "--result", paramLabel = "VALUE", description = "a value answering the pending request; repeat for each")
    List<String> results = new ArrayList<>();

    @Option(names = "--fuel", paramLabel = "N", description = "a fuel budget for this step (default: unlimited)")
    Long fuel;

    @Option(names = "--json", description = "print the outcome as one JSON object")
    boolean json;

    @Option(names = "--keep", description = "accepted for compatibility: every step is written to FILE, a finished one too")
    boolean keep;

    @Option(names = "--replay", description = "ignore the state saved in FILE and replay the session's log")
    boolean replay;


    @picocli.CommandLine.Mixin
    TierOption tierOption = new TierOption();
    @Override
    public Integer call() {
        long budget = SessionFiles.fuel("lia resume", fuel);
        retention.retention("lia resume"); // checked before anything runs
        StoreOption.Place place = store.place("lia resume", file, name);
        try (dev.lia.state.SessionStore ignored = place.store()) {
            return resume(place, budget);
        }
    }

    private int resume(StoreOption.Place place, long budget) {
        String file = place.label();
        dev.lia.state.SessionStore.Versioned read = SessionFiles.read("lia resume", place, replay);
        SessionFile f = read.file();
        LoadedModule module = SessionFiles.module("lia resume", file, f);
        ProgramOutput output = ProgramOutput.of(spec.commandLine().getOut(), spec.commandLine().getErr(), json && !f.session().hosts().isEmpty());
        SessionRunner runner = SessionFiles.runner(module, f, replay, WasiOptions.hosts("lia resume", f.session().hosts(), output));
        SessionRunner.Step now;
        try {
            now = runner.current(f.session());
        } catch (IllegalArgumentException e) {
            throw new CliException(Main.BAD_INPUT, "lia resume: " + file + ": " + e.getMessage());
        }
        LiveSession live = now.live();
        Session.Event event = switch (live.status()) {
            case BLOCKED -> new Session.Resolve(live.pendingRequest().name(), values(live.pendingRequest()), budget);
            case OUT_OF_FUEL -> {
                if (!results.isEmpty()) {
                    throw new CliException(Main.BAD_INPUT, "lia resume: the session ran out of fuel and waits for no request: give --fuel N, not --result");
                }
                yield new Session.Refuel(budget);
            }
            case READY -> throw new CliException(Main.BAD_INPUT, "lia resume: nothing to resume: the session in " + file
                    + " waits for the next script (lia run SCRIPT.lia with the same --session" + (store.spec() != null ? " and store" : "") + ")");
            case ENDED -> throw new CliException(Main.BAD_INPUT, "lia resume: the session in " + file + " has ended: " + f.summary());
        };
        SessionRunner.Step step;
        try {
            step = runner.apply(now, event);
        } catch (IllegalArgumentException e) {
            throw new CliException(Main.BAD_INPUT, "lia resume: " + e.getMessage());
        }
        step = SessionFiles.replayed(step, read.file(), replay);
        SessionFiles.write("lia resume", place, read.version(), module, step, keep, retention);
        return SessionFiles.print(spec.commandLine().getOut(), step, json, output);
    }

    private List<Value> values(Outcome.Blocked request) {
        return Answers.parse("lia resume", "--result", request, results);
    }
}
