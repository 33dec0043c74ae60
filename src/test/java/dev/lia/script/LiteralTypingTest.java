package dev.lia.script;

import dev.lia.script.value.Value;
import dev.lia.script.vm.Outcome;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 16, defect 2: a literal takes the other operand's type on either side of an operator. */
class LiteralTypingTest {
    static List<Value> done(String script) {
        Outcome o = ScriptRunner.run(script, VmTest.MISC);
        assertThat(o).isInstanceOf(Outcome.Done.class);
        return ((Outcome.Done) o).values();
    }

    @Test
    void anIntegerLiteralOnTheLeftOfAFloatIsAFloat() {
        assertThat(done("return 3 * 0.5, 0.5 * 3, 1 + 0.5, 0.5 + 1, 1 < 0.5, 0.5 < 1, 2 - 0.5, 1 / 4.0"))
                .containsExactly(Value.f64(1.5), Value.f64(1.5), Value.f64(1.5), Value.f64(1.5),
                        Value.i32(0), Value.i32(1), Value.f64(1.5), Value.f64(0.25));
    }

    @Test
    void nestedLiteralsAndDeclaredFloatsToo() {
        assertThat(done("x = (1 + 2) * 0.5\nf32 y = 1 + 0.5\nreturn x, y, -2 * 0.25, 1 + 2 * 0.5"))
                .containsExactly(Value.f64(1.5), Value.f32(1.5f), Value.f64(-0.5), Value.f64(2.0));
    }

    @Test
    void integersStayIntegers() {
        assertThat(done("return 1 + 2, 1 + 5000000000, 5000000000 + 1")).containsExactly(Value.i32(3), Value.i64(5000000001L), Value.i64(5000000001L));
    }
}
