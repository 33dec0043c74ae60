package dev.lia.embed;

import dev.lia.script.syntax.Type;
import dev.lia.script.value.Value;
import dev.lia.wasm.syntax.FuncType;
import dev.lia.wasm.syntax.ValType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Java values to typed Lia values and back, exactly or not at all. */
final class Convert {
    private Convert() {}

    /**
     * A Java value as a value of type {@code t}: a {@link Value} of that type, a number that converts
     * exactly (an Integer for an i64, a Float or an Integer for an f64, ...), a Boolean for an i32
     * (1 or 0), a String (UTF-8) or byte[] for octs.
     *
     * @param what names the value in the message, e.g. "argument 1 of 'fact'"
     */
    static Value value(Object o, Type t, String what) {
        if (o instanceof Value v) {
            if (v.type() != t) throw new IllegalArgumentException(what + " must be " + t + ", got " + v);
            return v;
        }
        Value v = switch (t) {
            case I32 -> o instanceof Integer || o instanceof Short || o instanceof Byte ? Value.i32(((Number) o).intValue())
                    : o instanceof Long l && l == l.intValue() ? Value.i32(l.intValue())
                    : o instanceof Boolean b ? Value.i32(b ? 1 : 0) : null;
            case I64 -> o instanceof Long || o instanceof Integer || o instanceof Short || o instanceof Byte
                    ? Value.i64(((Number) o).longValue()) : null;
            case F32 -> o instanceof Float f ? Value.f32(f)
                    : o instanceof Double d && (d.isNaN() || (double) (float) (double) d == d) ? Value.f32((float) (double) d)
                    : isExactInt(o) && (float) ((Number) o).longValue() == ((Number) o).longValue() && Math.abs(((Number) o).longValue()) <= 1L << 24
                    ? Value.f32(((Number) o).longValue()) : null;
            case F64 -> o instanceof Double d ? Value.f64(d)
                    : o instanceof Float f ? Value.f64(f)
                    : isExactInt(o) && Math.abs(((Number) o).longValue()) <= 1L << 53 ? Value.f64(((Number) o).longValue()) : null;
            case OCTS -> o instanceof String s ? Value.octs(s) : o instanceof byte[] b ? Value.octs(b) : null;
            case INSTANCE, V128 -> null;
        };
        if (v == null) {
            throw new IllegalArgumentException(what + " must be " + t + ", got " + describe(o)
                    + (o instanceof Number ? " (which does not convert to " + t + " exactly)" : ""));
        }
        return v;
    }

    private static boolean isExactInt(Object o) {
        return o instanceof Integer || o instanceof Long || o instanceof Short || o instanceof Byte;
    }

    static String describe(Object o) {
        if (o == null) return "null";
        if (o instanceof String s) return "the String \"" + s + "\"";
        return "the " + o.getClass().getSimpleName() + " " + (o instanceof byte[] b ? Arrays.toString(b) : o);
    }

    /** The Lia type of a wasm value type, or an exception naming what cannot be passed. */
    static Type type(ValType t, String what) {
        Type lia = Type.of(t);
        if (lia == null || lia == Type.V128) throw new IllegalArgumentException(what + " is " + t + ", which a Java value cannot be given as or receive");
        return lia;
    }

    /** Arguments for a function of type {@code f}, as raw bits. */
    static long[] arguments(FuncType f, Object[] args, String name) {
        if (args.length != f.params().size()) {
            throw new IllegalArgumentException("'" + name + "' takes " + f.params().size() + " argument" + (f.params().size() == 1 ? "" : "s")
                    + " " + f.params() + ", got " + args.length);
        }
        long[] bits = new long[args.length];
        for (int i = 0; i < args.length; i++) {
            String what = "argument " + (i + 1) + " of '" + name + "'";
            bits[i] = value(args[i], type(f.params().get(i), what), what).bits();
        }
        return bits;
    }

    /** Typed values from raw bits. */
    static List<Value> values(List<ValType> types, long[] bits, String what) {
        List<Value> out = new ArrayList<>(bits.length);
        for (int i = 0; i < bits.length; i++) out.add(Value.ofBits(type(types.get(i), what + " " + (i + 1)), bits[i]));
        return out;
    }

    /** Values of these types from what a host function returned (see {@link Host}). */
    static List<Value> results(Object r, List<Type> types, String what) {
        List<?> items;
        if (types.isEmpty()) {
            if (r == null || (r instanceof Object[] a && a.length == 0) || (r instanceof List<?> l && l.isEmpty())) return List.of();
            throw new IllegalArgumentException(what + " has no results, but returned " + describe(r));
        }
        if (r instanceof Object[] a) items = Arrays.asList(a);
        else if (r instanceof List<?> l) items = l;
        else items = types.size() == 1 ? java.util.Collections.singletonList(r) : null;
        if (items == null || items.size() != types.size()) {
            throw new IllegalArgumentException(what + " returns " + types.size() + " value" + (types.size() == 1 ? "" : "s") + " " + types
                    + ", got " + (items == null ? describe(r) : items.size() + " value" + (items.size() == 1 ? "" : "s")));
        }
        List<Value> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            out.add(value(items.get(i), types.get(i), types.size() == 1 ? "the result of " + what : "result " + (i + 1) + " of " + what));
        }
        return out;
    }

    static List<Type> liaTypes(List<ValType> types, String what) {
        List<Type> out = new ArrayList<>(types.size());
        for (ValType t : types) out.add(type(t, what));
        return out;
    }
}
