package dev.lia.cli;

import dev.lia.script.Lia;
import dev.lia.script.compile.Program;
import dev.lia.script.syntax.CompileException;
import dev.lia.script.syntax.Diagnostic;
import dev.lia.script.syntax.Pos;
import dev.lia.script.syntax.Script;
import dev.lia.script.syntax.ScriptParser;
import dev.lia.script.syntax.Source;
import dev.lia.script.syntax.Stmt;
import dev.lia.script.syntax.Type;
import dev.lia.script.value.Value;
import dev.lia.script.value.ValueText;
import dev.lia.script.vm.Outcome;
import dev.lia.script.vm.Vm;
import dev.lia.wasm.Pipeline;
import dev.lia.wasm.runtime.Instance;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lia in {@code lia repl}, against the current module's instance: {@code x = add(1, 2)},
 * {@code global.counter = 5}, blocks over several lines. Variables stay from one entry to the next
 * (each entry is compiled with the earlier variables as inputs, and gives back the variables it
 * assigns); an entry that is one expression prints its values as {@code lia run} does.
 *
 * <p>Import handlers ({@code on env.random() -> f64 { ... }}) stay too, for the current module: each
 * later entry is compiled with them. An input ({@code import T name}) takes the value given before
 * with {@code .input name=VALUE}. An entry that blocks on a request ({@code ext}, or an import no
 * handler answers) waits for {@code .answer VALUE...}, which continues it, or {@code .drop}.
 */
final class ReplStatements implements Repl.StatementHandler {
    private static final String NAME = "input";
    static final String HELP = """
            .input NAME=VALUE   the value of input NAME for a later entry's `import T NAME` (read by T, as lia run's --arg)
            .answer VALUE...    answer the request the last entry is blocked on (read by the types it expects, or named: i32:5)
            .drop               give up the blocked entry
            .help               this list""";

    private final Map<String, Value> variables = new LinkedHashMap<>();
    /** The handlers earlier entries defined, by import ({@code module.name}): their text, compiled into every entry. */
    private final Map<String, String> handlers = new LinkedHashMap<>();
    /** The module instance the handlers are for; another current module drops them. */
    private Instance handlersFor;
    /** Variables of earlier entries that held an instance: gone with their entry (a later use is told why). */
    private final Set<String> instancesGone = new LinkedHashSet<>();
    /** Values given with {@code .input}, as typed. */
    private final Map<String, String> inputTexts = new LinkedHashMap<>();
    /** The entry blocked on a request, or null. */
    private Running blocked;
    private Instance empty;

    /** An entry that ran: its VM, the variables it gives back, and how many lines of earlier definitions precede its text. */
    private record Running(Vm vm, List<String> kept, int prefixLines) {}

    @Override
    public boolean blocked() {
        return blocked != null;
    }

    @Override
    public void eval(String statement, Repl repl) {
        if (statement.startsWith(".")) {
            command(statement, repl);
            return;
        }
        if (blocked != null) {
            repl.err().println("error: the last entry is blocked on " + blocked.vm.pendingRequest().name()
                    + ": answer it with .answer VALUE..., or give it up with .drop");
            return;
        }
        Instance instance = repl.current() != null ? repl.current() : empty(repl);
        if (instance != handlersFor) {
            handlers.clear();
            handlersFor = instance;
        }
        // one expression: its values are printed
        String prefix = prefix(Set.of(), Set.of());
        try {
            run(compile(prefix + "return " + statement, instance), Map.copyOf(variables), List.of(), lines(prefix), repl);
            return;
        } catch (CompileException notAnExpression) {
            // statements, whose variables are kept
        }
        Script parsed;
        try {
            parsed = ScriptParser.parse(new Source(NAME, statement));
        } catch (CompileException e) {
            report(repl, e, 0, statement);
            return;
        }
        Set<String> inputs = new LinkedHashSet<>();
        Set<String> names = new LinkedHashSet<>();
        Set<String> instances = new LinkedHashSet<>(); // no values: they live in their entry only
        for (Stmt s : parsed.body()) {
            if (s instanceof Stmt.Input in) inputs.add(in.name());
            if (s instanceof Stmt.Assign a) {
                for (Stmt.Target t : a.targets()) {
                    if (t instanceof Stmt.VarTarget v) (a.value() instanceof dev.lia.script.syntax.Expr.Instantiate ? instances : names).add(v.name());
                }
            }
        }
        names.removeAll(instances);
        Set<String> redefined = new LinkedHashSet<>();
        for (Script.Handler h : parsed.handlers()) redefined.add(h.qualifiedName());
        prefix = prefix(inputs, redefined);
        List<String> kept = new ArrayList<>(variables.keySet());
        kept.removeAll(inputs);
        kept.addAll(inputs);
        for (String n : names) if (!kept.contains(n)) kept.add(n);
        boolean returns = !parsed.body().isEmpty() && parsed.body().get(parsed.body().size() - 1) instanceof Stmt.Return;
        if (returns) kept = List.of(); // an entry ending in return prints its values, as a script does
        String tail = kept.isEmpty() ? "" : "\nreturn " + String.join(", ", kept);
        Program program;
        try {
            program = compile(prefix + statement + tail, instance);
        } catch (CompileException e) {
            report(repl, e, lines(prefix), statement);
            return;
        }
        Map<String, Value> given = new LinkedHashMap<>(variables);
        given.keySet().removeAll(inputs);
        for (Stmt s : parsed.body()) {
            if (s instanceof Stmt.Input in && !given(in, given, repl)) return;
        }
        for (Script.Handler h : parsed.handlers()) handlers.put(h.qualifiedName(), handlerText(statement, h));
        instancesGone.removeAll(kept);
        instancesGone.addAll(instances);
        run(program, given, kept, lines(prefix), repl);
    }

    /** The earlier variables as inputs, and the earlier handlers, but for those the entry declares anew. */
    private String prefix(Set<String> inputs, Set<String> redefinedHandlers) {
        StringBuilder prefix = new StringBuilder();
        for (Map.Entry<String, Value> v : variables.entrySet()) {
            if (!inputs.contains(v.getKey())) prefix.append("import ").append(v.getValue().type()).append(' ').append(v.getKey()).append('\n');
        }
        for (Map.Entry<String, String> h : handlers.entrySet()) {
            if (!redefinedHandlers.contains(h.getKey())) prefix.append(h.getValue()).append('\n');
        }
        return prefix.toString();
    }

    private static int lines(String text) {
        return (int) text.chars().filter(c -> c == '\n').count();
    }

    /** Reads the value {@code .input} gave for the entry's input; false (and says why) when there is none or it does not read. */
    private boolean given(Stmt.Input in, Map<String, Value> values, Repl repl) {
        String text = inputTexts.get(in.name());
        if (text == null) {
            repl.err().println("error: input '" + in.name() + "' (" + in.type() + ") has no value: give it first with .input "
                    + in.name() + "=VALUE");
            return false;
        }
        try {
            values.put(in.name(), in.type() == Type.OCTS && text.startsWith("@")
                    ? Value.octsOwned(ScriptFiles.bytes("error", Path.of(text.substring(1))))
                    : ValueText.parse(text, in.type()));
            return true;
        } catch (IllegalArgumentException e) {
            repl.err().println("error: input '" + in.name() + "': " + e.getMessage());
        } catch (CliException e) {
            repl.err().println(e.getMessage());
        }
        return false;
    }

    /** The handler's text in the entry: from {@code on} (its position is its import's name) to the brace that closes its body. */
    private static String handlerText(String entry, Script.Handler h) {
        int start = entry.lastIndexOf("on", offset(entry, h.pos()));
        int end = ReplInput.blockEnd(entry, entry.indexOf('{', start));
        return entry.substring(start, end);
    }

    private static int offset(String text, Pos pos) {
        int at = 0;
        for (int line = 1; line < pos.line(); line++) at = text.indexOf('\n', at) + 1;
        return at + pos.col() - 1;
    }

    /** Runs an entry compiled after {@code prefixLines} lines of earlier definitions; its values give back {@code kept}. */
    private void run(Program program, Map<String, Value> inputs, List<String> kept, int prefixLines, Repl repl) {
        Vm vm = new Vm(program, repl.machine(), repl.current() != null ? repl.current() : empty(repl), inputs, Map.of());
        show(new Running(vm, kept, prefixLines), vm.run(), repl);
    }

    /** Prints the outcome of an entry (or keeps its variables); a blocked entry waits for {@code .answer}. */
    private void show(Running entry, Outcome o, Repl repl) {
        blocked = o instanceof Outcome.Blocked ? entry : null;
        if (o instanceof Outcome.Done d && !entry.kept.isEmpty()) {
            for (int i = 0; i < entry.kept.size(); i++) variables.put(entry.kept.get(i), d.values().get(i));
            return;
        }
        String text = OutcomePrinter.text(entryPlaces(o, entry.prefixLines));
        if (!text.isEmpty()) (o instanceof Outcome.Done ? repl.out() : repl.err()).println(text);
        if (blocked != null) repl.err().println("  (answer with .answer VALUE..., or give the entry up with .drop)");
    }

    /** {@code .input}, {@code .answer}, {@code .drop}, {@code .help}. */
    private void command(String line, Repl repl) {
        String word = line.split("\\s", 2)[0];
        String rest = line.substring(word.length()).strip();
        switch (word) {
            case ".input" -> {
                int eq = rest.indexOf('=');
                if (eq <= 0 || !rest.substring(0, eq).matches("[A-Za-z_][A-Za-z_0-9]*")) {
                    repl.err().println("error: .input takes NAME=VALUE, got '" + rest + "'");
                } else {
                    inputTexts.put(rest.substring(0, eq), rest.substring(eq + 1));
                }
            }
            case ".answer" -> {
                if (blocked == null) {
                    repl.err().println("error: no entry is blocked on a request");
                    return;
                }
                Vm vm = blocked.vm;
                Outcome o;
                try {
                    o = vm.resolve(Answers.parse(".answer", "value", vm.pendingRequest(), Answers.words(rest)));
                } catch (CliException | IllegalArgumentException e) {
                    repl.err().println(e instanceof CliException ? "error: " + e.getMessage() : "error: .answer: " + e.getMessage());
                    return;
                }
                show(blocked, o, repl);
            }
            case ".drop" -> {
                if (blocked == null) {
                    repl.err().println("error: no entry is blocked on a request");
                    return;
                }
                repl.err().println("dropped the entry blocked on " + blocked.vm.pendingRequest().name());
                blocked = null;
                while (repl.machine().isActive()) repl.machine().abort();
            }
            case ".help" -> repl.out().println(HELP);
            default -> repl.err().println("error: unknown command " + word + "; the commands are .input, .answer, .drop, .help");
        }
    }

    /** The outcome with its script position in the entry as typed (the earlier definitions' lines taken off). */
    private static Outcome entryPlaces(Outcome o, int prefixLines) {
        if (o instanceof Outcome.Trapped t) return new Outcome.Trapped(t.kind(), t.message(), inEntry(t.at(), prefixLines), t.backtrace(), t.omittedFrames());
        if (o instanceof Outcome.Failed f) return new Outcome.Failed(f.message(), inEntry(f.at(), prefixLines));
        if (o instanceof Outcome.Exited x) return new Outcome.Exited(x.code(), inEntry(x.at(), prefixLines));
        return o;
    }

    private static Outcome.Where inEntry(Outcome.Where at, int prefixLines) {
        if (at == null) return null;
        if (at.pos().line() <= prefixLines) return new Outcome.Where("a handler an earlier entry defined", Pos.NONE);
        Pos p = at.pos();
        return new Outcome.Where(at.source(), new Pos(p.line() - prefixLines, p.col(), p.length()));
    }

    /** The errors at their places in the entry as typed (the lines of the earlier definitions taken off). */
    private void report(Repl repl, CompileException e, int prefixLines, String statement) {
        Source entry = new Source(NAME, statement);
        List<String> texts = new ArrayList<>();
        for (Diagnostic d : e.errors()) {
            Pos p = d.pos();
            Pos at = p.line() > prefixLines ? new Pos(p.line() - prefixLines, p.col(), p.length()) : Pos.NONE;
            String text = new Diagnostic(at, d.message()).format(entry);
            for (String gone : instancesGone) {
                if (d.message().startsWith("undefined name '" + gone + "'")) {
                    text += "\n  (" + gone + " held an instance, which lives in its entry only: call its exports in the entry that"
                            + " instantiates, after ';': t = instantiate(...); i32 x = t.f(1))";
                }
            }
            texts.add(text);
        }
        repl.err().println(String.join("\n", texts)); // as lia run prints them
    }

    private static Program compile(String text, Instance instance) {
        return Lia.compile(new Source(NAME, text), dev.lia.script.check.ModuleInfo.of(instance.module()));
    }

    /** An instance of the empty module, for statements before any module is defined. */
    private Instance empty(Repl repl) {
        if (empty == null) {
            empty = repl.machine().instantiate(Pipeline.loadText("(module)".getBytes(java.nio.charset.StandardCharsets.UTF_8), "empty.wat"),
                    (m, n) -> null);
        }
        return empty;
    }
}
