package dev.lia.script.vm;

import dev.lia.wasm.Trap;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 16, defect 5: octs past the limit are a clear limit trap, not "host error: -2147483648"
 * (an end-to-end run would need gigabytes of heap, so the check is tested with small limits).
 */
class OctsLimitTest {
    @Test
    void concatPastTheLimitIsALimitTrap() {
        assertThat(OctsOps.concat(new byte[3], new byte[5], 8)).hasSize(8);
        assertThatThrownBy(() -> OctsOps.concat(new byte[3], new byte[6], 8)).isInstanceOf(Trap.class)
                .hasMessage("octs limit exceeded: '++' would make 9 bytes, more than the limit of 8");
    }

    @Test
    void theLimitIsOneGibibyte() {
        assertThat(OctsOps.MAX_LENGTH).isEqualTo(1 << 30);
        byte[] big = new byte[1 << 20];
        assertThatThrownBy(() -> OctsOps.concat(big, big, (1 << 21) - 1)).isInstanceOf(Trap.class)
                .hasMessageContaining("would make 2097152 bytes");
    }

    @Test
    void aScriptTrapInTheScriptWithThePositionOfTheOperator() {
        // a script trap from OctsOps is reported as the script's own trap, as a slice out of bounds is
        Outcome o = dev.lia.script.ScriptRunner.run("s = \"ab\"\nreturn s[1..5]", dev.lia.script.ScriptRunner.wat("(module)"));
        assertThat(o).isInstanceOf(Outcome.Trapped.class);
        assertThat(((Outcome.Trapped) o).kind()).isEqualTo(Outcome.TrapKind.SCRIPT);
    }
}
