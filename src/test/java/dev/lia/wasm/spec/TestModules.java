package dev.lia.wasm.spec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Small binary modules assembled by hand for tests. */
public final class TestModules {
    private TestModules() {}

    static final int I32 = 0x7F, I64 = 0x7E, F32 = 0x7D, F64 = 0x7C;

    /**
     * Exports: {@code add (i32 i32) -> i32}, {@code div (i32 i32) -> i32} (i32.div_s),
     * {@code fneg (f64) -> f64}, {@code id64 (i64) -> i64}, {@code two () -> (i32 f32)} giving 7 and 1.5,
     * {@code nop () -> ()}, and memory {@code mem}.
     */
    public static byte[] arith() {
        Bytes types = new Bytes().u(5)
                .b(0x60).u(2).b(I32, I32).u(1).b(I32)   // 0: (i32 i32) -> i32
                .b(0x60).u(1).b(F64).u(1).b(F64)        // 1: (f64) -> f64
                .b(0x60).u(1).b(I64).u(1).b(I64)        // 2: (i64) -> i64
                .b(0x60).u(0).u(2).b(I32, F32)          // 3: () -> (i32 f32)
                .b(0x60).u(0).u(0);                     // 4: () -> ()
        Bytes funcs = new Bytes().u(6).u(0).u(0).u(1).u(2).u(3).u(4);
        Bytes memory = new Bytes().u(1).b(0x00).u(1);
        Bytes exports = new Bytes().u(7)
                .name("add").b(0).u(0)
                .name("div").b(0).u(1)
                .name("fneg").b(0).u(2)
                .name("id64").b(0).u(3)
                .name("two").b(0).u(4)
                .name("nop").b(0).u(5)
                .name("mem").b(2).u(0);
        Bytes code = new Bytes().u(6)
                .sized(new Bytes().u(0).b(0x20, 0, 0x20, 1, 0x6A, 0x0B))
                .sized(new Bytes().u(0).b(0x20, 0, 0x20, 1, 0x6D, 0x0B))
                .sized(new Bytes().u(0).b(0x20, 0, 0x9A, 0x0B))
                .sized(new Bytes().u(0).b(0x20, 0, 0x0B))
                .sized(new Bytes().u(0).b(0x41, 7, 0x43, 0x00, 0x00, 0xC0, 0x3F, 0x0B))
                .sized(new Bytes().u(0).b(0x0B));
        return module(section(1, types), section(3, funcs), section(5, memory), section(7, exports), section(10, code));
    }

    /** A module whose only function claims to return an i32 but returns nothing: "type mismatch". */
    public static byte[] invalid() {
        Bytes types = new Bytes().u(1).b(0x60).u(0).u(1).b(I32);
        Bytes funcs = new Bytes().u(1).u(0);
        Bytes code = new Bytes().u(1).sized(new Bytes().u(0).b(0x0B));
        return module(section(1, types), section(3, funcs), section(10, code));
    }

    /** The magic header with a wrong version: "unknown binary version". */
    public static byte[] malformed() {
        return new byte[] {0x00, 0x61, 0x73, 0x6D, 0x02, 0x00, 0x00, 0x00};
    }

    /** Imports {@code env.f : () -> ()}, which nothing provides. */
    public static byte[] importsEnv() {
        Bytes types = new Bytes().u(1).b(0x60).u(0).u(0);
        Bytes imports = new Bytes().u(1).name("env").name("f").b(0x00).u(0);
        return module(section(1, types), section(2, imports));
    }

    /** Imports {@code spectest.print_i32} and exports {@code p (i32) -> ()} calling it. */
    public static byte[] printer() {
        Bytes types = new Bytes().u(1).b(0x60).u(1).b(I32).u(0);
        Bytes imports = new Bytes().u(1).name("spectest").name("print_i32").b(0x00).u(0);
        Bytes funcs = new Bytes().u(1).u(0);
        Bytes exports = new Bytes().u(1).name("p").b(0).u(1);
        Bytes code = new Bytes().u(1).sized(new Bytes().u(0).b(0x20, 0, 0x10, 0, 0x0B));
        return module(section(1, types), section(2, imports), section(3, funcs), section(7, exports), section(10, code));
    }

    static byte[] module(Bytes... sections) {
        Bytes m = new Bytes().b(0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00);
        for (Bytes s : sections) m.raw(s.toArray());
        return m.toArray();
    }

    static Bytes section(int id, Bytes content) {
        return new Bytes().b(id).sized(content);
    }

    /** A byte sink with LEB128 and name helpers. */
    static final class Bytes {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Bytes b(int... bytes) {
            for (int x : bytes) out.write(x);
            return this;
        }

        Bytes u(long v) {
            do {
                int low = (int) (v & 0x7F);
                v >>>= 7;
                out.write(v != 0 ? low | 0x80 : low);
            } while (v != 0);
            return this;
        }

        Bytes name(String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            u(utf8.length);
            return raw(utf8);
        }

        Bytes sized(Bytes content) {
            byte[] c = content.toArray();
            u(c.length);
            return raw(c);
        }

        Bytes raw(byte[] bytes) {
            out.write(bytes, 0, bytes.length);
            return this;
        }

        byte[] toArray() {
            return out.toByteArray();
        }
    }
}
