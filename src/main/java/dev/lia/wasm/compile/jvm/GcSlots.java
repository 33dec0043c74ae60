package dev.lia.wasm.compile.jvm;

import dev.lia.wasm.compile.Op;

import java.util.Arrays;

/**
 * Which frame slots a reference or GC instruction (see {@link Op#REF_BASE}, {@link Op#STRUCT_NEW})
 * reads and writes, so that compiled code runs the interpreter's code for it ({@code Compiled.rare})
 * with only those slots passed through the value stack instead of the whole frame.
 *
 * <p>A field or element may be a v128 (two slots), which the instruction's type tells but the code
 * does not: such an operand's second slot is passed both ways too, when the frame has it. Writing a
 * slot to the value stack before the call makes reading it back after harmless when the instruction
 * left it alone.
 */
final class GcSlots {
    private GcSlots() {}

    /**
     * The slots to write to the value stack before the instruction at {@code p} and those to read
     * back after it, or null for an instruction whose operands are a run of slots the code does not
     * list one by one (struct.new, array.new_fixed): those pass the whole frame.
     */
    static int[][] of(int[] code, int p, int frameSize) {
        int op = code[p];
        // the positions (after the opcode) of slot operands; a negative one is a maybe-v128 (-k: position k)
        int[] operands;
        int results; // how many of the first operands are written (0 or 1)
        switch (op) {
            case Op.REF_EQ -> { operands = new int[] {1, 2, 3}; results = 1; }
            case Op.REF_AS_NON_NULL, Op.REF_I31, Op.I31_GET, Op.ANY_CONVERT_EXTERN, Op.EXTERN_CONVERT_ANY, Op.REF_TEST,
                 Op.REF_CAST, Op.REF_IS_NON_NULL, Op.REF_TEST_FAIL, Op.ARRAY_LEN -> { operands = new int[] {1, 2}; results = 1; }
            case Op.STRUCT_NEW_DEFAULT -> { operands = new int[] {1}; results = 1; }
            case Op.STRUCT_GET -> { operands = new int[] {-1, 2}; results = 1; }         // d ref type field sign
            case Op.STRUCT_SET -> { operands = new int[] {1, -2}; results = 0; }         // ref value type field
            case Op.ARRAY_NEW -> { operands = new int[] {1, -3, 4}; results = 1; }       // d type value len
            case Op.ARRAY_NEW_DEFAULT -> { operands = new int[] {1, 3}; results = 1; }   // d type len
            case Op.ARRAY_NEW_DATA, Op.ARRAY_NEW_ELEM -> { operands = new int[] {1, 4, 5}; results = 1; } // d type segment offset len
            case Op.ARRAY_GET -> { operands = new int[] {-1, 2, 3}; results = 1; }       // d ref index type sign
            case Op.ARRAY_SET -> { operands = new int[] {1, 2, -3}; results = 0; }       // ref index value type
            case Op.ARRAY_FILL -> { operands = new int[] {1, 2, -3, 4}; results = 0; }   // ref offset value n type
            case Op.ARRAY_COPY -> { operands = new int[] {1, 2, 3, 4, 5}; results = 0; } // dst dstOffset src srcOffset n
            case Op.ARRAY_INIT_DATA, Op.ARRAY_INIT_ELEM -> { operands = new int[] {1, 2, 3, 4}; results = 0; } // ref dstOffset srcOffset n ...
            default -> {
                return null;
            }
        }
        int[] spill = new int[2 * operands.length];
        int[] reload = new int[2];
        int ns = 0, nr = 0;
        for (int i = 0; i < operands.length; i++) {
            boolean wide = operands[i] < 0;
            int slot = code[p + Math.abs(operands[i])];
            spill[ns++] = slot;
            if (i < results) reload[nr++] = slot;
            if (wide && slot + 1 < frameSize) {
                spill[ns++] = slot + 1;
                if (i < results) reload[nr++] = slot + 1;
            }
        }
        return new int[][] {Arrays.copyOf(spill, ns), Arrays.copyOf(reload, nr)};
    }
}
