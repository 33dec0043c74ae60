package dev.lia.script;

import dev.lia.script.compile.Program;
import dev.lia.script.syntax.Expr;
import dev.lia.script.syntax.Script;
import dev.lia.script.syntax.ScriptParser;
import dev.lia.script.syntax.Source;
import dev.lia.script.syntax.Stmt;
import dev.lia.script.value.Value;
import dev.lia.script.vm.Outcome;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ParserAndIdentityTest {
    static Script parse(String text) {
        return ScriptParser.parse(new Source("t.lia", text));
    }

    @Test
    void unsignedOperatorsDoNotSwallowNames() {
        Stmt.Assign a = (Stmt.Assign) parse("x = a<upper").body().get(0);
        assertThat(((Expr.Binary) a.value()).op()).isEqualTo(Expr.BinaryOp.LT);
        a = (Stmt.Assign) parse("x = a<u 3").body().get(0);
        assertThat(((Expr.Binary) a.value()).op()).isEqualTo(Expr.BinaryOp.LT_U);
        a = (Stmt.Assign) parse("x = a /u2").body().get(0);
        assertThat(((Expr.Binary) a.value()).op()).isEqualTo(Expr.BinaryOp.DIV);
    }

    @Test
    void layout() {
        assertThat(parse("x = 1; y = 2\n\n\nz = 3 # comment\n").body()).hasSize(3);
        assertThat(parse("x = add(1,\n    2)\ny = (1 +\n 2)").body()).hasSize(2);
        Stmt.If i = (Stmt.If) parse("if 1 {\n}\nelse if 2 { }\nelse {\n  x = 1\n}").body().get(0);
        assertThat(i.otherwise()).isInstanceOf(Stmt.If.class);
        assertThat(((Stmt.If) i.otherwise()).otherwise()).isInstanceOf(Stmt.Block.class);
    }

    @Test
    void quotedNamesAndNegativeLiterals() {
        Script s = parse("x = `my-export`(-2147483648)\non env.`odd name`() { }");
        Expr.Call c = (Expr.Call) ((Stmt.Assign) s.body().get(0)).value();
        assertThat(c.name()).isEqualTo("my-export");
        assertThat(c.args().get(0)).isInstanceOf(Expr.IntLit.class);
        assertThat(s.handlers().get(0).name()).isEqualTo("odd name");
    }

    @Test
    void precedence() {
        assertThat(ScriptRunner.run("return 1 + 2 * 3, 1 << 2 + 1, 6 & 3 == 2, 1 | 2 ^ 3 & 1, -2 * 3, !0 + 1",
                VmTest.MISC)).isEqualTo(new Outcome.Done(List.of(Value.i32(7), Value.i32(8), Value.i32(1), Value.i32(3),
                Value.i32(-6), Value.i32(2))));
    }

    @Test
    void identityIsTheOperationsNotTheText() {
        var m = FakeModule.wasmBindgen().info();
        Program a = Lia.compile(new Source("a.lia", "x = 1\nreturn x + 2"), m);
        Program b = Lia.compile(new Source("b.lia", "# the same, laid out differently\nx = 1;   return x+2 # done\n"), m);
        Program c = Lia.compile(new Source("a.lia", "x = 1\nreturn x + 3"), m);
        assertThat(a.ops()).isEqualTo(b.ops());
        assertThat(a).isEqualTo(b);
        assertThat(a.id()).isEqualTo(b.id()).hasSize(64).isNotEqualTo(c.id());
        assertThat(a.position(0)).isNotEqualTo(b.position(0));
        // the encoding also covers inputs and handlers
        Program d = Lia.compile(new Source("d.lia", "import i32 x\nreturn x + 2"), m);
        assertThat(d.id()).isNotEqualTo(a.id());
    }

    @Test
    void aStartFunctionMayCallAnAnsweredOrBlockingImport() {
        var module = ScriptRunner.wat("""
                (module
                  (import "env" "seed" (func $seed (result i32)))
                  (global $g (mut i32) (i32.const 0))
                  (func $init (global.set $g (call $seed)))
                  (start $init)
                  (func (export "get") (result i32) (global.get $g)))
                """);
        assertThat(ScriptRunner.run("on env.seed() -> i32 { return 41 }\nreturn get() + 1", module))
                .isEqualTo(new Outcome.Done(List.of(Value.i32(42))));
        var vm = ScriptRunner.vm("return get()", module, java.util.Map.of());
        assertThat(vm.run()).isEqualTo(new Outcome.Blocked("env.seed", List.of(), List.of(dev.lia.script.syntax.Type.I32)));
        assertThat(vm.resolve(List.of(Value.i32(9)))).isEqualTo(new Outcome.Done(List.of(Value.i32(9))));
    }
}
