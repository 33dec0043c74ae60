package dev.lia.script;

import dev.lia.script.syntax.CompileException;
import dev.lia.script.syntax.Source;
import dev.lia.script.vm.Outcome;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Issue 16, defect 12: positions and hints of the script compiler and the VM. */
class SmallDifferencesTest {
    static String error(String script) {
        CompileException e = catchThrowableOfType(() -> Lia.compile(new Source("t.lia", script), ScriptRunner.wat("(module)")),
                CompileException.class);
        assertThat(e).isNotNull();
        return e.format();
    }

    @Test
    void aDivisionByZeroTrapPointsAtTheOperator() {
        Outcome o = ScriptRunner.run("x = 0\nreturn 7 / x", ScriptRunner.wat("(module)"));
        assertThat(o).isInstanceOf(Outcome.Trapped.class);
        assertThat(((Outcome.Trapped) o).at().toString()).isEqualTo("t.lia:2:10".replace("t.lia", "test.lia"));
    }

    @Test
    void aReservedWordAsANameSaysItIsReserved() {
        assertThat(error("in = 5")).startsWith("t.lia:1:1: unexpected 'in'; expected ").contains("('in' is a reserved word and cannot be a name)");
    }

    @Test
    void aMisspeltStatementWordGetsAHint() {
        assertThat(error("retrun 1")).startsWith("t.lia:1:1: unknown statement 'retrun' (did you mean 'return'?); unexpected '1'");
        assertThat(error("whlie 1 { }")).contains("(did you mean 'while'?)");
    }

    @Test
    void anUnclosedBraceIsReportedWhereItOpens() {
        assertThat(error("x = 1\nwhile x < 3 {\n  x = x + 1\n\nreturn x\n")).isEqualTo("""
                t.lia:2:13: this '{' is never closed: the script ends before its '}'
                    while x < 3 {
                                ^""");
    }

    @Test
    void aLongLineIsShownAroundTheErrorOnly() {
        String script = "x = " + "1 + ".repeat(100_000) + " @";
        String e = error(script);
        assertThat(e.length()).isLessThan(600);
        String[] lines = e.split("\n");
        assertThat(lines[1]).startsWith("    ...").endsWith(" @");
        assertThat(lines[2].indexOf('^')).isEqualTo(lines[1].indexOf('@'));
    }
}
