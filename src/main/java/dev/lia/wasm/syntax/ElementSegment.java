package dev.lia.wasm.syntax;

import java.util.List;

/**
 * An element segment: a list of reference-valued constant expressions.
 * {@code table} and {@code offset} are meaningful only for active segments (offset is null otherwise).
 */
public record ElementSegment(ValType type, List<Expr> init, SegmentMode mode, int table, Expr offset) {
    public ElementSegment {
        init = List.copyOf(init);
    }
}
