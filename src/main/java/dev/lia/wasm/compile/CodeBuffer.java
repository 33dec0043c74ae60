package dev.lia.wasm.compile;

import java.util.Arrays;

/**
 * A growable int array for emitting code, with the side table that maps code back to instructions:
 * for every instruction, in order, the code position where its code starts, its byte offset in the
 * module, and the operand-stack height before it. Instructions that emit no code share a position
 * with the next one.
 */
final class CodeBuffer {
    private int[] code = new int[64];
    private int size;
    private int[] pcs = new int[32];
    private int[] offsets = new int[32];
    private int[] heights = new int[32];
    private int marks;

    int size() {
        return size;
    }

    /** Number of instructions marked so far: the index the next {@link #mark} gets. */
    int marks() {
        return marks;
    }

    /** Records that the instruction at {@code byteOffset}, with {@code height} operands below it, starts here. */
    void mark(int byteOffset, int height) {
        if (marks == pcs.length) {
            pcs = Arrays.copyOf(pcs, marks * 2);
            offsets = Arrays.copyOf(offsets, marks * 2);
            heights = Arrays.copyOf(heights, marks * 2);
        }
        pcs[marks] = size;
        offsets[marks] = byteOffset;
        heights[marks++] = height;
    }

    void emit(int v) {
        if (size == code.length) code = Arrays.copyOf(code, size * 2);
        code[size++] = v;
    }

    void emit(int a, int b) {
        emit(a);
        emit(b);
    }

    void emit(int a, int b, int c) {
        emit(a);
        emit(b);
        emit(c);
    }

    void emit(int a, int b, int c, int d) {
        emit(a);
        emit(b);
        emit(c);
        emit(d);
    }

    int get(int at) {
        return code[at];
    }

    /** Drops the code from {@code size} on, with the offset marks that pointed into it. */
    void truncate(int size) {
        this.size = size;
        while (marks > 0 && pcs[marks - 1] > size) marks--;
    }

    void set(int at, int v) {
        code[at] = v;
    }

    int[] code() {
        return Arrays.copyOf(code, size);
    }

    int[] pcs() {
        return Arrays.copyOf(pcs, marks);
    }

    int[] offsets() {
        return Arrays.copyOf(offsets, marks);
    }

    int[] heights() {
        return Arrays.copyOf(heights, marks);
    }
}
