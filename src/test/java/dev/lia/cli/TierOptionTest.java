package dev.lia.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --tier} and {@code --stats}: every tier prints the same, a wrong tier is one clear error. */
class TierOptionTest {
    private record Result(int code, String out, String err) {}

    private static Result lia(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void everyTierPrintsTheSame() {
        for (String command : new String[] {"call", "wasi", "run"}) {
            String[] base = switch (command) {
                case "call" -> new String[] {"call", "examples/wasm/fib.wasm", "fib", "27"};
                case "wasi" -> new String[] {"wasi", dev.lia.wasm.spec.SuiteLocation.corpus().resolve("wasi/sha256.wasm").toString(), "--", "2"};
                default -> new String[] {"run", "examples/reverse/reverse.lia", "--module", "examples/reverse/reverse.wasm", "--arg", "text=\"tiers\""};
            };
            Result interp = lia(with(base, "--tier", "interp"));
            for (String tier : new String[] {"compiled", "auto"}) {
                Result r = lia(with(base, "--tier", tier));
                assertThat(r).as(command + " --tier " + tier).isEqualTo(interp);
            }
            assertThat(interp.code()).as(command + ": " + interp).isZero();
        }
    }

    @Test
    void statsSayWhatTheCompiledTierTook() {
        Result r = lia("call", "--tier", "compiled", "--stats", "examples/wasm/fib.wasm", "fib", "20");
        assertThat(r.out()).isEqualTo("6765 : i64\n");
        assertThat(r.err()).startsWith("lia: tier compiled: ").contains(" functions compiled, ");
        assertThat(lia("call", "examples/wasm/fib.wasm", "fib", "20").err()).isEmpty(); // --stats does not stick
    }

    @Test
    void aWrongTierIsOneClearError() {
        Result r = lia("call", "--tier", "fast", "examples/wasm/fib.wasm", "fib", "20");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("lia call: Invalid value for option '--tier': unknown tier 'fast': expected interp, compiled or auto");
    }

    private static String[] with(String[] base, String... more) {
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, 1);
        System.arraycopy(more, 0, all, 1, more.length);
        System.arraycopy(base, 1, all, 1 + more.length, base.length - 1);
        return all;
    }
}
