package dev.lia.cli;

import dev.lia.script.Lia;
import dev.lia.script.compile.Program;
import dev.lia.script.syntax.CompileException;
import dev.lia.script.syntax.Script;
import dev.lia.script.syntax.ScriptParser;
import dev.lia.script.syntax.Source;
import dev.lia.script.syntax.Stmt;
import dev.lia.script.value.Value;
import dev.lia.script.vm.Outcome;
import dev.lia.script.vm.Vm;
import dev.lia.wasm.Pipeline;
import dev.lia.wasm.runtime.Instance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lia statements in {@code lia repl}, against the current module's instance: {@code x = add(1, 2)},
 * {@code global.counter = 5}, blocks over several lines. Variables stay from one entry to the next
 * (each entry is compiled with the earlier variables as inputs, and gives back the variables it
 * assigns); an entry that is one expression prints its values as {@code lia run} does.
 */
final class ReplStatements implements ReplSession.StatementHandler {
    private final Map<String, Value> variables = new LinkedHashMap<>();
    private Instance empty;

    @Override
    public void eval(String statement, ReplSession session) {
        Instance instance = session.current() != null ? session.current() : empty(session);
        String name = "input";
        StringBuilder prefix = new StringBuilder();
        for (Map.Entry<String, Value> v : variables.entrySet()) prefix.append("import ").append(v.getValue().type()).append(' ').append(v.getKey()).append('\n');
        Program program;
        List<String> kept;
        // one expression: its values are printed; else statements, whose variables are kept
        try {
            program = compile(name, prefix + "return " + statement, instance);
            kept = List.of();
        } catch (CompileException notAnExpression) {
            Script parsed;
            try {
                parsed = ScriptParser.parse(new Source(name, prefix + statement));
            } catch (CompileException e) {
                report(session, e, name, statement);
                return;
            }
            Set<String> names = new LinkedHashSet<>(variables.keySet());
            for (Stmt s : parsed.body()) {
                if (s instanceof Stmt.Assign a) {
                    for (Stmt.Target t : a.targets()) if (t instanceof Stmt.VarTarget v) names.add(v.name());
                }
            }
            boolean returns = !parsed.body().isEmpty() && parsed.body().get(parsed.body().size() - 1) instanceof Stmt.Return;
            kept = returns ? List.of() : new ArrayList<>(names); // an entry ending in return prints its values, as a script does
            String tail = kept.isEmpty() ? "" : "\nreturn " + String.join(", ", kept);
            try {
                program = compile(name, prefix + statement + tail, instance);
            } catch (CompileException e) {
                report(session, e, name, statement);
                return;
            }
        }
        Vm vm = new Vm(program, session.machine(), instance, variables, Map.of());
        Outcome o = vm.run();
        if (o instanceof Outcome.Done d && !kept.isEmpty()) {
            for (int i = 0; i < kept.size(); i++) variables.put(kept.get(i), d.values().get(i));
            return;
        }
        String text = OutcomePrinter.text(entryPlaces(o));
        if (!text.isEmpty()) (o instanceof Outcome.Done ? session.out() : session.err()).println(text);
        if (vm.isSuspended()) { // the REPL answers no requests: the run is dropped
            while (session.machine().isActive()) session.machine().abort();
            session.err().println("(the REPL does not answer requests: the entry was dropped)");
        }
    }

    /** The outcome with its script position in the entry as typed (the imports' lines taken off). */
    private Outcome entryPlaces(Outcome o) {
        if (o instanceof Outcome.Trapped t) return new Outcome.Trapped(t.kind(), t.message(), inEntry(t.at()), t.backtrace(), t.omittedFrames());
        if (o instanceof Outcome.Failed f) return new Outcome.Failed(f.message(), inEntry(f.at()));
        if (o instanceof Outcome.Exited x) return new Outcome.Exited(x.code(), inEntry(x.at()));
        return o;
    }

    private Outcome.Where inEntry(Outcome.Where at) {
        if (at == null || at.pos().line() <= variables.size()) return at;
        dev.lia.script.syntax.Pos p = at.pos();
        return new Outcome.Where(at.source(), new dev.lia.script.syntax.Pos(p.line() - variables.size(), p.col(), p.length()));
    }

    /** The errors at their places in the entry as typed (the lines of the earlier variables' imports taken off). */
    private void report(ReplSession session, CompileException e, String name, String statement) {
        Source entry = new Source(name, statement);
        List<String> texts = new ArrayList<>();
        for (dev.lia.script.syntax.Diagnostic d : e.errors()) {
            dev.lia.script.syntax.Pos p = d.pos();
            dev.lia.script.syntax.Pos at = p.line() > variables.size() ? new dev.lia.script.syntax.Pos(p.line() - variables.size(), p.col(), p.length())
                    : dev.lia.script.syntax.Pos.NONE;
            texts.add(new dev.lia.script.syntax.Diagnostic(at, d.message()).format(entry));
        }
        session.err().println(String.join("\n\n", texts));
    }

    private static Program compile(String name, String text, Instance instance) {
        return Lia.compile(new Source(name, text), dev.lia.script.check.ModuleInfo.of(instance.module()));
    }

    /** An instance of the empty module, for statements before any module is defined. */
    private Instance empty(ReplSession session) {
        if (empty == null) {
            empty = session.machine().instantiate(Pipeline.loadText("(module)".getBytes(java.nio.charset.StandardCharsets.UTF_8), "empty.wat"),
                    (m, n) -> null);
        }
        return empty;
    }
}
