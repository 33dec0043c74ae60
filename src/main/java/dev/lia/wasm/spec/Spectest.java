package dev.lia.wasm.spec;

import dev.lia.wasm.runtime.Extern;
import dev.lia.wasm.runtime.GlobalInstance;
import dev.lia.wasm.runtime.Memory;
import dev.lia.wasm.runtime.Ref;
import dev.lia.wasm.runtime.Store;
import dev.lia.wasm.runtime.Table;
import dev.lia.wasm.syntax.FuncType;
import dev.lia.wasm.syntax.GlobalType;
import dev.lia.wasm.syntax.ValType;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static dev.lia.wasm.syntax.ValType.F32;
import static dev.lia.wasm.syntax.ValType.F64;
import static dev.lia.wasm.syntax.ValType.I32;
import static dev.lia.wasm.syntax.ValType.I64;

/**
 * The {@code spectest} host module the spec test suite imports from, as the reference interpreter
 * defines it: print functions, four immutable globals holding 666 / 666.6, a funcref table of 10
 * (max 20) elements (and the same as {@code table64}, with i64 indices) and a memory of 1 (max 2) pages.
 */
public final class Spectest {
    /** The module name scripts import it under. */
    public static final String NAME = "spectest";

    private Spectest() {}

    /** The exports, with the print functions printing nothing. */
    public static Map<String, Extern> create(Store store) {
        return create(store, null);
    }

    /**
     * Allocates the module's functions, table, memory and globals in {@code store}.
     *
     * @param sink receives one line per printed argument, {@code VALUE : TYPE} like the reference
     *             interpreter prints it; null to print nothing
     */
    public static Map<String, Extern> create(Store store, Consumer<String> sink) {
        Map<String, Extern> exports = new LinkedHashMap<>();
        print(store, exports, sink, "print");
        print(store, exports, sink, "print_i32", I32);
        print(store, exports, sink, "print_i64", I64);
        print(store, exports, sink, "print_f32", F32);
        print(store, exports, sink, "print_f64", F64);
        print(store, exports, sink, "print_i32_f32", I32, F32);
        print(store, exports, sink, "print_f64_f64", F64, F64);
        exports.put("global_i32", new GlobalInstance(new GlobalType(I32, false), 666));
        exports.put("global_i64", new GlobalInstance(new GlobalType(I64, false), 666));
        exports.put("global_f32", new GlobalInstance(new GlobalType(F32, false), Float.floatToRawIntBits(666.6f)));
        exports.put("global_f64", new GlobalInstance(new GlobalType(F64, false), Double.doubleToRawLongBits(666.6)));
        exports.put("table", new Table(ValType.FUNCREF, 10, 20, store.limits().maxTableSize(), Ref.NULL));
        exports.put("table64", new Table(ValType.FUNCREF, 10, 20, store.limits().maxTableSize(), Ref.NULL, true)); // 3.0 table64
        exports.put("memory", new Memory(1, 2, store.limits().maxMemoryPages()));
        return Collections.unmodifiableMap(exports);
    }

    private static void print(Store store, Map<String, Extern> exports, Consumer<String> sink, String name, ValType... params) {
        FuncType type = new FuncType(List.of(params), List.of());
        long[] none = new long[0];
        exports.put(name, store.hostFunction(NAME + "." + name, type, (caller, args) -> {
            if (sink != null) {
                for (int i = 0; i < params.length; i++) sink.accept(ValueText.format(args[i], params[i]) + " : " + params[i]);
            }
            return none;
        }));
    }
}
