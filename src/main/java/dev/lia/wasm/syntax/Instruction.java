package dev.lia.wasm.syntax;

import java.util.Arrays;
import java.util.Objects;

/**
 * One instruction with its immediates. Which immediate fields are used depends on the opcode's
 * {@link Opcode.Imm} kind:
 * <ul>
 *   <li>{@code a}: the first index / constant bits / block type (an s33: negative values are
 *       {@link BlockType} codes, non-negative a type index) / memarg alignment (log2) / lane index;</li>
 *   <li>{@code b}: the second index / memarg offset;</li>
 *   <li>{@code c}: the lane index of load_lane and store_lane;</li>
 *   <li>{@code labels}: the targets of {@code br_table} (the default last), the types of a typed {@code select}, or the
 *       catch clauses of {@code try_table} as (kind, tag, label) triples;</li>
 *   <li>{@code bytes}: the 16 bytes of {@code v128.const} and {@code i8x16.shuffle}.</li>
 * </ul>
 * Details: two indices come in binary order ({@code call_indirect} type then table, {@code table.init} element
 * segment then table, {@code table.copy} destination then source, {@code memory.init} data segment then memory);
 * indices are unsigned u32 values. {@code i32.const} and {@code f32.const} hold their 32 bits as an int widened to
 * long (sign-extended), {@code i64.const} and {@code f64.const} their 64 bits. {@code ref.null} holds its
 * reference type's {@link ValType#code} in {@code a}; a typed {@code select} its types' codes in {@code labels}.
 * {@code offset} is the byte offset of the opcode in the module; it does not take part in equality, so the same
 * instruction sequence decoded from differently laid out binaries compares equal.
 */
public final class Instruction {
    public final Opcode op;
    public final long a;
    public final long b;
    public final long c;
    public final int[] labels;
    public final byte[] bytes;
    public final int offset;

    public Instruction(Opcode op, long a, long b, long c, int[] labels, byte[] bytes, int offset) {
        this.op = op;
        this.a = a;
        this.b = b;
        this.c = c;
        this.labels = labels;
        this.bytes = bytes;
        this.offset = offset;
    }

    public static Instruction of(Opcode op, int offset) {
        return new Instruction(op, 0, 0, 0, null, null, offset);
    }

    public static Instruction of(Opcode op, long a, int offset) {
        return new Instruction(op, a, 0, 0, null, null, offset);
    }

    public static Instruction of(Opcode op, long a, long b, int offset) {
        return new Instruction(op, a, b, 0, null, null, offset);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Instruction i && op == i.op && a == i.a && b == i.b && c == i.c
                && Arrays.equals(labels, i.labels) && Arrays.equals(bytes, i.bytes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(op, a, b, c, Arrays.hashCode(labels), Arrays.hashCode(bytes));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(op.text);
        switch (op.imm) {
            case NONE -> { }
            case BR_TABLE, SELECT_T -> sb.append(' ').append(Arrays.toString(labels));
            case V128, SHUFFLE -> sb.append(' ').append(Arrays.toString(bytes));
            default -> sb.append(' ').append(a).append(' ').append(b);
        }
        return sb.toString();
    }
}
