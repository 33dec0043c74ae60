package dev.lia.wasm.syntax;

import java.util.List;

/** A sequence of instructions ending with (but not containing) the final {@code end}. */
public record Expr(List<Instruction> instructions) {
    public Expr {
        instructions = List.copyOf(instructions);
    }
}
