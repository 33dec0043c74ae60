package dev.lia.wasm.valid;

import dev.lia.wasm.syntax.Local;
import dev.lia.wasm.syntax.Module;
import dev.lia.wasm.syntax.ValType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.lia.wasm.syntax.Opcode.*;
import static dev.lia.wasm.valid.Ins.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Driving the typer step by step, as a compiler would, and reading the stack between steps. */
class InstructionTyperTest {

    private static InstructionTyper typer(String sig) {
        Module m = new ModuleBuilder().func(sig).build();
        return new InstructionTyper(ModuleContext.of(m), ModuleBuilder.sig(sig), List.of(new Local(1, ValType.F64)));
    }

    @Test
    void heightsAndTypesBetweenSteps() {
        InstructionTyper t = typer("i>I");
        TypeStack s = t.stack();
        t.step(op(LOCAL_GET, 0));
        t.step(op(LOCAL_GET, 1));
        assertThat(s.height()).isEqualTo(2);
        assertThat(s.peek(0)).isEqualTo(ValType.F64);
        assertThat(s.peek(1)).isEqualTo(ValType.I32);
        t.step(op(DROP));
        t.step(block(BLOCK, "I"));
        assertThat(s.depth()).isEqualTo(2);
        assertThat(s.top().height).isEqualTo(1);
        t.step(i64(1));
        t.step(end());
        assertThat(s.height()).isEqualTo(2);
        assertThat(s.peek(0)).isEqualTo(ValType.I64);
        t.step(op(UNREACHABLE));
        assertThat(s.height()).isZero();
        assertThat(s.top().unreachable()).isTrue();
        t.step(op(SELECT));
        assertThat(s.peek(0)).isNull(); // Unknown
        t.finish(1000);
        assertThat(s.depth()).isZero();
    }

    @Test
    void labelTypesOfLoopsAreTheirParams() {
        ModuleBuilder b = new ModuleBuilder();
        int ty = b.type("f>i");
        Module m = b.func(">").build();
        InstructionTyper t = new InstructionTyper(ModuleContext.of(m), ModuleBuilder.sig(">"), List.of());
        t.step(f32());
        t.step(block(LOOP, "#" + ty));
        assertThat(t.stack().frame(0).labelTypes()).containsExactly(ValType.F32);
        assertThat(t.stack().frame(1).labelTypes()).isEmpty();
    }
}
