package dev.lia.wasm.syntax;

import java.util.Arrays;
import java.util.Objects;

/**
 * A data segment. {@code memory} and {@code offset} are meaningful only for active segments
 * (offset is null for passive ones).
 */
public record DataSegment(byte[] bytes, SegmentMode mode, int memory, Expr offset) {

    @Override
    public boolean equals(Object o) {
        return o instanceof DataSegment d && Arrays.equals(bytes, d.bytes) && mode == d.mode
                && memory == d.memory && Objects.equals(offset, d.offset);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(bytes), mode, memory, offset);
    }

    @Override
    public String toString() {
        return "DataSegment[" + bytes.length + " bytes, " + mode + ", memory=" + memory + ", offset=" + offset + "]";
    }
}
