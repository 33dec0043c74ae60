package dev.lia.script.vm;

import dev.lia.script.syntax.Pos;
import dev.lia.script.syntax.Type;
import dev.lia.script.value.Value;
import dev.lia.wasm.Trap;

import java.util.List;

/** How a run of a script ended: exactly one of these. */
public sealed interface Outcome {

    /** A place in a script: its name and position. */
    record Where(String source, Pos pos) {
        @Override
        public String toString() {
            return pos.line() == 0 ? source : source + ":" + pos.line() + ":" + pos.col();
        }
    }

    /** The script returned these values (none when it fell off its end). */
    record Done(List<Value> values) implements Outcome {
        public Done {
            values = List.copyOf(values);
        }
    }

    /**
     * The script waits for the host: an {@code ext} request, or a wasm import with neither a Lia
     * handler nor a Java host function. {@link Vm#resolve} continues it with values of the
     * {@code expects} types.
     */
    record Blocked(String name, List<Value> args, List<Type> expects) implements Outcome {
        public Blocked {
            args = List.copyOf(args);
            expects = List.copyOf(expects);
        }
    }

    /**
     * The fuel ran out ({@link Vm#setFuel}): the script stopped before a Lia operation or inside
     * wasm code, {@code overdraft} units beyond its budget. {@link Vm#addFuel} then {@link Vm#resume}
     * continue it; the results are those of a run with unlimited fuel.
     */
    record OutOfFuel(long overdraft) implements Outcome {}

    /** Where a trap came from: wasm code, or the script's own operation (division by zero, a slice out of bounds). */
    enum TrapKind {
        WASM("wasm"), SCRIPT("script");

        public final String text;

        TrapKind(String text) {
            this.text = text;
        }
    }

    /**
     * A trap, with the script position of the operation that trapped (for a wasm trap, the call into
     * wasm) and, for a wasm trap, the wasm call stack innermost first ({@code omittedFrames} outer frames left out).
     */
    record Trapped(TrapKind kind, String message, Where at, List<Trap.Frame> backtrace, int omittedFrames) implements Outcome {
        public Trapped {
            backtrace = List.copyOf(backtrace);
        }

        public Trapped(TrapKind kind, String message, Where at, List<Trap.Frame> backtrace) {
            this(kind, message, at, backtrace, 0);
        }

        /** A wasm trap, with its backtrace and how many outer frames that leaves out. */
        public static Trapped wasm(Trap trap, Where at) {
            return new Trapped(TrapKind.WASM, trap.getMessage(), at, trap.backtrace(), trap.omittedFrames());
        }
    }

    /**
     * A host function ended the program as a process ends (WASI's {@code proc_exit}), with this exit
     * code (unsigned 32-bit); {@code at} is the script position of the call into wasm, or null.
     */
    record Exited(int code, Where at) implements Outcome {
        /** The code as the program gave it, 0 to 4294967295. */
        public String codeText() {
            return Integer.toUnsignedString(code);
        }
    }

    /** {@code fail}, a failed {@code assert}, or a host error; {@code at} is null when no script position applies. */
    record Failed(String message, Where at) implements Outcome {}
}
