package dev.lia.cli;

import dev.lia.script.syntax.CompileException;
import dev.lia.script.syntax.Diagnostic;
import dev.lia.script.syntax.Type;
import dev.lia.script.value.Value;
import dev.lia.script.value.ValueText;
import dev.lia.script.vm.Outcome;
import dev.lia.wasm.Trap;
import dev.lia.wasm.debug.Backtraces;
import dev.lia.wasm.debug.SourceLocation;
import dev.lia.wasm.debug.SourceMap;

import java.util.List;
import java.util.stream.Collectors;

/** How {@code lia run} shows an outcome, as text or as one JSON object, and the exit code for it. */
final class OutcomePrinter {
    static final int DONE = 0;
    static final int TRAPPED = 1;
    static final int FAILED = 2;
    static final int BLOCKED = 3;
    static final int OUT_OF_FUEL = 4;
    /** The program exited (WASI proc_exit) with a code other than 0; exited with 0 is {@link #DONE}'s 0 (5 is {@link Main#CONFLICT}). */
    static final int EXITED = 6;

    private OutcomePrinter() {}

    static int exitCode(Outcome o) {
        if (o instanceof Outcome.Done) return DONE;
        if (o instanceof Outcome.Trapped) return TRAPPED;
        if (o instanceof Outcome.Blocked) return BLOCKED;
        if (o instanceof Outcome.OutOfFuel) return OUT_OF_FUEL;
        if (o instanceof Outcome.Exited x) return x.code() == 0 ? DONE : EXITED;
        return FAILED;
    }

    static String text(Outcome o) {
        return text(o, null);
    }

    /** As {@link #text(Outcome)}, with source lines in wasm backtraces when {@code sources} knows them. */
    static String text(Outcome o, SourceMap sources) {
        if (o instanceof Outcome.Done d) {
            return d.values().stream().map(Value::toString).collect(Collectors.joining("\n"));
        }
        if (o instanceof Outcome.Blocked b) {
            String line = "blocked: " + ValueText.name(b.name()) + "(" + b.args().stream().map(Value::toString).collect(Collectors.joining(", ")) + ")";
            return line + "\n  expects: " + (b.expects().isEmpty() ? "nothing" : b.expects().stream().map(Type::toString).collect(Collectors.joining(", ")));
        }
        if (o instanceof Outcome.OutOfFuel f) {
            return "out of fuel (" + f.overdraft() + " unit" + (f.overdraft() == 1 ? "" : "s") + " over budget)";
        }
        if (o instanceof Outcome.Trapped t) {
            StringBuilder sb = new StringBuilder("trap: ").append(t.message());
            sb.append("\n  at ").append(t.at()).append(t.kind() == Outcome.TrapKind.WASM ? " (in wasm code)" : " (in the script)");
            sb.append(Backtraces.frames(t.backtrace(), t.omittedFrames(), sources));
            return sb.toString();
        }
        if (o instanceof Outcome.Exited x) return "exited: code " + x.codeText() + (x.at() != null ? "\n  at " + x.at() : "");
        Outcome.Failed f = (Outcome.Failed) o;
        return "failed: " + f.message() + (f.at() != null ? "\n  at " + f.at() : "");
    }

    static String json(Outcome o) {
        return json(o, null);
    }

    /** As {@link #json(Outcome)}; backtrace frames get a "source" ("demo.c:21") when {@code sources} knows the line. */
    static String json(Outcome o, SourceMap sources) {
        if (o instanceof Outcome.Done d) return "{\"outcome\":\"done\",\"values\":" + Json.values(d.values()) + "}";
        if (o instanceof Outcome.Blocked b) {
            return "{\"outcome\":\"blocked\",\"request\":{\"name\":" + Json.string(b.name()) + ",\"args\":" + Json.values(b.args())
                    + ",\"expects\":[" + b.expects().stream().map(t -> "\"" + t + "\"").collect(Collectors.joining(",")) + "]}}";
        }
        if (o instanceof Outcome.OutOfFuel f) return "{\"outcome\":\"out-of-fuel\",\"overdraft\":" + f.overdraft() + "}";
        if (o instanceof Outcome.Trapped t) {
            return "{\"outcome\":\"trapped\",\"message\":" + Json.string(t.message()) + ",\"at\":" + Json.string(t.at().toString())
                    + ",\"kind\":\"" + t.kind().text + "\"," + backtrace(t.backtrace(), t.omittedFrames(), sources) + "}";
        }
        if (o instanceof Outcome.Exited x) {
            return "{\"outcome\":\"exited\",\"code\":" + x.codeText() + (x.at() != null ? ",\"at\":" + Json.string(x.at().toString()) : "") + "}";
        }
        Outcome.Failed f = (Outcome.Failed) o;
        return "{\"outcome\":\"failed\",\"message\":" + Json.string(f.message())
                + (f.at() != null ? ",\"at\":" + Json.string(f.at().toString()) : "") + "}";
    }

    /** {@code "backtrace":[{"function":..,"offset":"0x..","source":..},...]}, then {@code "omittedFrames":N} if frames were left out. */
    static String backtrace(List<Trap.Frame> frames, int omitted, SourceMap sources) {
        String list = frames.stream().map(f -> "{\"function\":" + Json.string(f.function())
                + ",\"offset\":\"0x" + Integer.toHexString(f.byteOffset()) + "\"" + source(f, sources) + "}").collect(Collectors.joining(","));
        return "\"backtrace\":[" + list + "]" + (omitted > 0 ? ",\"omittedFrames\":" + omitted : "");
    }

    private static String source(Trap.Frame f, SourceMap sources) {
        SourceLocation at = sources == null ? null : sources.at(f.byteOffset());
        return at == null ? "" : ",\"source\":" + Json.string(at.shortText());
    }

    /** Compile errors as a failed outcome: the first error's message, and every error with its place. */
    static String json(CompileException e) {
        List<Diagnostic> errors = e.errors();
        String list = errors.stream().map(d -> "{\"at\":" + Json.string(e.source().where(d.pos())) + ",\"message\":" + Json.string(d.message()) + "}")
                .collect(Collectors.joining(","));
        String first = errors.isEmpty() ? "compile error" : e.source().where(errors.get(0).pos()) + ": " + errors.get(0).message();
        return "{\"outcome\":\"failed\",\"message\":" + Json.string(first) + ",\"errors\":[" + list + "]}";
    }
}
