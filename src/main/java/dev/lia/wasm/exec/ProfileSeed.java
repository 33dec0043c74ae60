package dev.lia.wasm.exec;

import dev.lia.wasm.Pipeline;
import dev.lia.wasm.WasmException;
import dev.lia.wasm.runtime.ImportResolver;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.Store;
import dev.lia.wasm.syntax.Opcode;
import dev.lia.wasm.syntax.ValType;

import java.io.ByteArrayOutputStream;

/**
 * Runs every case of {@link Machine#run}'s dispatch once, before any real program, so that HotSpot's
 * profile of the dispatch switch has no empty case. C2 turns a case the profile never saw into an
 * uncommon trap; a program whose later phases use instructions its first phase did not (crc32's
 * table setup, then its loop) then deoptimizes, falls back to the bytecode interpreter and is
 * recompiled, once per new instruction: a cold {@code lia run} of the corpus's crc32 took 3.7 s
 * instead of 1.5 s ({@code -XX:-UseSwitchProfiling} gives the same gain; a library cannot set it).
 *
 * <p>The seed is a module generated here: every simple instruction on constants, every memory,
 * table, global, reference and bulk instruction, and the control shapes the compiler turns into
 * distinct internal operations (branches with and without values, fused compare-and-branch both
 * ways, br_table, loops, calls direct and indirect, single and multiple returns, a trap, a throw and a
 * throw_ref caught).
 */
final class ProfileSeed {
    private static volatile boolean done;

    private ProfileSeed() {}

    /** Seeds the profile once per JVM; later calls return at once, without a lock. */
    static void ensure() {
        if (!done) seed();
    }

    private static synchronized void seed() {
        if (done) return;
        done = true; // first: the seed's own machines must not seed again
        try {
            Machine loader = new Machine(new Store());
            loader.setTier(Tier.INTERP); // the seed is for the interpreter's profile, whatever the default tier
            Instance instance = loader.instantiate(Pipeline.load(module()), ImportResolver.NONE);
            Machine machine = new Machine(instance.store());
            machine.setTier(Tier.INTERP);
            machine.invoke(instance.exportedFunction("ops"));
            try {
                machine.invoke(instance.exportedFunction("trap"));
            } catch (WasmException expected) {
                // the trap path is part of the profile too
            }
        } catch (RuntimeException e) {
            throw new IllegalStateException("the profile seed does not run: " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ the module

    private static final int I32 = 0x7F, I64 = 0x7E, F32 = 0x7D, F64 = 0x7C, FUNCREF = 0x70;

    static byte[] module() {
        Bytes m = new Bytes();
        m.raw(0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00);
        // types: 0 () -> (); 1 (i32) -> (i32); 2 (i32) -> (i32 i64)
        m.section(1, s -> {
            s.u(3);
            s.raw(0x60, 0, 0);
            s.raw(0x60, 1, I32, 1, I32);
            s.raw(0x60, 1, I32, 2, I32, I64);
        });
        // functions: 0 ops, 1 identity (i32)->(i32), 2 pair (i32)->(i32 i64), 3 trap
        m.section(3, s -> s.raw(4, 0, 1, 2, 0));
        m.section(4, s -> s.raw(1, FUNCREF, 0x00, 4)); // table 0: funcref, min 4
        m.section(5, s -> s.raw(1, 0x00, 1)); // memory 0: 1 page
        m.section(13, s -> s.raw(1, 0x00, 0)); // tag 0: type 0 (exception handling)
        // globals: one mutable of each number type
        m.section(6, s -> {
            s.u(4);
            s.raw(I32, 1, 0x41, 0, 0x0B);
            s.raw(I64, 1, 0x42, 0, 0x0B);
            s.raw(F32, 1, 0x43, 0, 0, 0, 0, 0x0B);
            s.raw(F64, 1, 0x44, 0, 0, 0, 0, 0, 0, 0, 0, 0x0B);
        });
        m.section(7, s -> {
            s.u(2);
            s.name("ops").raw(0x00, 0);
            s.name("trap").raw(0x00, 3);
        });
        // elements: active (table 0 at 0: functions 1, 2) and passive (function 1)
        m.section(9, s -> {
            s.u(2);
            s.raw(0x00, 0x41, 0, 0x0B, 2, 1, 2);
            s.raw(0x01, 0x00, 1, 1);
        });
        m.section(12, s -> s.u(2)); // data count
        m.section(10, s -> {
            s.u(4);
            s.body(ops(), 0x7F, 0x7E, 0x7D, 0x7C, 0x7F, 0x69);
            s.body(identity());
            s.body(pair());
            s.body(new Bytes().raw(0x00)); // unreachable
        });
        m.section(11, s -> {
            s.u(2);
            s.raw(0x01, 1, 0x2A); // passive, one byte
            s.raw(0x01, 0); // passive, empty (dropped)
        });
        return m.toByteArray();
    }

    /** Function 0 (locals: 0 i32, 1 i64, 2 f32, 3 f64, 4 i32 counter, 5 exnref). */
    private static Bytes ops() {
        Bytes b = new Bytes();
        for (Opcode op : Opcode.values()) {
            if (!op.hasSignature() || op.isSimd() || (op.imm != Opcode.Imm.NONE && op.imm != Opcode.Imm.MEMARG)) continue;
            for (ValType t : op.params) constant(b, t, op.imm == Opcode.Imm.MEMARG);
            if (op.code >= Opcode.PREFIX_FC) b.raw(0xFC).u(op.code - Opcode.PREFIX_FC);
            else b.raw(op.code);
            if (op.imm == Opcode.Imm.MEMARG) b.raw(0, 0);
            for (int i = 0; i < op.results.size(); i++) b.raw(0x1A); // drop
        }
        // results into locals, and local.tee
        b.raw(0x41, 2, 0x41, 3, 0x6A, 0x21, 0); // i32.add -> local 0
        b.raw(0x20, 0, 0x22, 4, 0x1A);
        // globals
        int[][] globals = {{0, I32}, {1, I64}, {2, F32}, {3, F64}};
        for (int[] g : globals) {
            b.raw(0x23, g[0]);
            b.raw(0x24, g[0]);
        }
        // select, select with a type
        b.raw(0x41, 1, 0x41, 2, 0x20, 0, 0x1B, 0x1A);
        b.raw(0x42, 1, 0x42, 2, 0x20, 0, 0x1C, 1, I64, 0x1A);
        // memory
        b.raw(0x3F, 0x00, 0x1A); // memory.size
        b.raw(0x41, 0, 0x40, 0x00, 0x1A); // memory.grow 0
        b.raw(0x41, 0, 0x41, 0, 0x41, 1, 0xFC).u(8).raw(0, 0x00); // memory.init 0
        b.raw(0xFC).u(9).raw(1); // data.drop 1
        b.raw(0x41, 8, 0x41, 0, 0x41, 4, 0xFC).u(10).raw(0x00, 0x00); // memory.copy
        b.raw(0x41, 0, 0x41, 7, 0x41, 4, 0xFC).u(11).raw(0x00); // memory.fill
        // references and tables
        b.raw(0xD0, FUNCREF, 0xD1, 0x1A); // ref.null, ref.is_null
        b.raw(0x41, 3, 0xD2, 1, 0x26, 0); // table.set 3 (ref.func 1)
        b.raw(0x41, 0, 0x25, 0, 0x1A); // table.get
        b.raw(0xFC).u(16).raw(0, 0x1A); // table.size
        b.raw(0xD0, FUNCREF, 0x41, 0, 0xFC).u(15).raw(0, 0x1A); // table.grow 0
        b.raw(0x41, 2, 0xD0, FUNCREF, 0x41, 1, 0xFC).u(17).raw(0); // table.fill
        b.raw(0x41, 2, 0x41, 0, 0x41, 1, 0xFC).u(14).raw(0, 0); // table.copy
        b.raw(0x41, 3, 0x41, 0, 0x41, 1, 0xFC).u(12).raw(1, 0); // table.init elem 1
        b.raw(0xFC).u(13).raw(1); // elem.drop 1
        // calls
        b.raw(0x41, 5, 0x10, 1, 0x1A); // call identity
        b.raw(0x41, 5, 0x10, 2, 0x1A, 0x1A); // call pair
        b.raw(0x41, 5, 0x41, 0, 0x11, 1, 0, 0x1A); // call_indirect (type 1) via table slot 0
        b.raw(0x41, 0, 0x10, 1, 0x1A); // identity's return_call
        b.raw(0x41, 2, 0x10, 1, 0x1A); // identity's return_call_indirect
        // branches: plain, with a value, conditional with and without a value
        b.raw(0x02, 0x40, 0x0C, 0, 0x0B);
        b.raw(0x02, I32, 0x41, 1, 0x0C, 0, 0x0B, 0x1A);
        b.raw(0x02, 0x40, 0x20, 0, 0x0D, 0, 0x0B);
        b.raw(0x02, I32, 0x41, 1, 0x20, 0, 0x0D, 0, 0x0B, 0x1A);
        b.raw(0x20, 0, 0x04, 0x40, 0x01, 0x05, 0x01, 0x0B); // if/else
        b.raw(0x20, 0, 0x04, I32, 0x41, 1, 0x05, 0x41, 2, 0x0B, 0x1A); // if with a result
        // fused i32 compare + branch, both ways (br_if, and if's branch around)
        for (int cmp = 0x46; cmp <= 0x4F; cmp++) {
            b.raw(0x02, 0x40, 0x20, 0, 0x41, 1, cmp, 0x0D, 0, 0x0B);
            b.raw(0x20, 0, 0x41, 1, cmp, 0x04, 0x40, 0x01, 0x0B);
        }
        b.raw(0x02, 0x40, 0x20, 0, 0x45, 0x0D, 0, 0x0B); // i32.eqz + br_if
        // br_table
        b.raw(0x02, 0x40, 0x02, 0x40, 0x20, 0, 0x0E, 1, 0, 1, 0x0B, 0x0B);
        b.raw(0x02, I32, 0x02, I32, 0x41, 7, 0x20, 0, 0x0E, 1, 0, 1, 0x0B, 0x0B, 0x1A);
        // a loop that runs twice
        b.raw(0x03, 0x40, 0x20, 4, 0x41, 1, 0x6A, 0x22, 4, 0x41, 2, 0x48, 0x0D, 0, 0x0B);
        // exceptions: throw caught by catch_all_ref into local 5, then throw_ref caught by catch_all
        b.raw(0x02, 0x69, 0x1F, 0x40, 0x01, 0x03, 0x00, 0x08, 0x00, 0x0B, 0xD0, 0x74, 0x0B, 0x21, 5);
        b.raw(0x02, 0x40, 0x1F, 0x40, 0x01, 0x02, 0x00, 0x20, 5, 0x0A, 0x0B, 0x0B);
        b.raw(0x0F); // return
        return b;
    }

    /**
     * Function 1: returns its argument, through a conditional return first; 0 and 2 take a detour
     * through tail calls (return_call, return_call_indirect via table slot 0) of identity(1).
     */
    private static Bytes identity() {
        return new Bytes().raw(0x20, 0, 0x45, 0x04, 0x40, 0x41, 1, 0x12, 1, 0x0B)
                .raw(0x20, 0, 0x41, 2, 0x46, 0x04, 0x40, 0x41, 1, 0x41, 0, 0x13, 1, 0, 0x0B)
                .raw(0x20, 0, 0x20, 0, 0x0D, 0, 0x0F);
    }

    /** Function 2: two results. */
    private static Bytes pair() {
        return new Bytes().raw(0x20, 0, 0x42, 7, 0x0F);
    }

    /** A constant of type {@code t}; 1 (no division by zero, no trap in a conversion), or address 0 for a memory access. */
    private static void constant(Bytes b, ValType t, boolean address) {
        switch (t.kind) {
            case I32 -> b.raw(0x41, address ? 0 : 1);
            case I64 -> b.raw(0x42, 1);
            case F32 -> b.raw(0x43, 0x00, 0x00, 0x80, 0x3F);
            case F64 -> b.raw(0x44, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F);
            default -> throw new IllegalStateException("no constant of type " + t);
        }
    }

    /** A little byte writer for the seed module. */
    private static final class Bytes {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Bytes raw(int... bytes) {
            for (int v : bytes) out.write(v);
            return this;
        }

        /** Unsigned LEB128. */
        Bytes u(int v) {
            do {
                int b = v & 0x7F;
                v >>>= 7;
                out.write(v != 0 ? b | 0x80 : b);
            } while (v != 0);
            return this;
        }

        Bytes name(String s) {
            u(s.length());
            for (char c : s.toCharArray()) out.write(c);
            return this;
        }

        Bytes bytes(byte[] b) {
            out.writeBytes(b);
            return this;
        }

        void section(int id, java.util.function.Consumer<Bytes> content) {
            Bytes s = new Bytes();
            content.accept(s);
            byte[] b = s.toByteArray();
            raw(id).u(b.length).bytes(b);
        }

        /** A function body: its locals (one entry per type given), the code, and {@code end}. */
        void body(Bytes code, int... locals) {
            Bytes f = new Bytes();
            f.u(locals.length);
            for (int t : locals) f.raw(1, t);
            f.bytes(code.toByteArray()).raw(0x0B);
            byte[] b = f.toByteArray();
            u(b.length).bytes(b);
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }
}
