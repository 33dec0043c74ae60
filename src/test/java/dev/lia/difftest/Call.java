package dev.lia.difftest;

import dev.lia.wasm.syntax.ValType;

import java.util.List;

/** One export call of a differential case: its name, raw argument bits and result types. */
record Call(String name, List<ValType> params, long[] args, List<ValType> results) {

    /** The call as the V8 runner reads it. */
    String json() {
        StringBuilder sb = new StringBuilder("{\"name\":").append(Json.quote(name)).append(",\"args\":[");
        for (int i = 0; i < args.length; i++) {
            if (i > 0) sb.append(',');
            ValType t = params.get(i);
            String v = switch (t.kind) {
                case I32 -> Integer.toString((int) args[i]);
                case I64 -> Long.toString(args[i]);
                case F32 -> Integer.toHexString((int) args[i]);
                case F64 -> Long.toHexString(args[i]);
                default -> "null";
            };
            sb.append("{\"t\":\"").append(t.text).append("\",\"v\":\"").append(v).append("\"}");
        }
        sb.append("],\"results\":[");
        for (int i = 0; i < results.size(); i++) sb.append(i > 0 ? "," : "").append('"').append(results.get(i).text).append('"');
        return sb.append("]}").toString();
    }

    /**
     * A value as both sides print it: NaNs only as their class, since V8 may pick payloads; a
     * reference as what JavaScript can tell of it: null, an i31 (which reaches JavaScript as its
     * signed number, also when externalized), or some other non-null reference.
     */
    static String valueText(ValType t, long bits) {
        return switch (t.kind) {
            case I32 -> "i32:" + (int) bits;
            case I64 -> "i64:" + bits;
            case F32 -> Float.isNaN(Float.intBitsToFloat((int) bits)) ? "f32:nan" : "f32:" + Integer.toHexString((int) bits);
            case F64 -> Double.isNaN(Double.longBitsToDouble(bits)) ? "f64:nan" : "f64:" + Long.toHexString(bits);
            default -> refText(bits);
        };
    }

    static String refText(long bits) {
        if (bits == dev.lia.wasm.runtime.Ref.NULL) return "ref:null";
        long internal = bits & ~dev.lia.wasm.runtime.Ref.EXTERNALIZED;
        if (dev.lia.wasm.runtime.Ref.isI31(internal)) return "ref:i31:" + dev.lia.wasm.runtime.Ref.i31Value(internal, true);
        return "ref:nonnull";
    }

    static final class Json {
        private Json() {}

        static String quote(String s) {
            StringBuilder sb = new StringBuilder("\"");
            for (char c : s.toCharArray()) {
                if (c == '"' || c == '\\') sb.append('\\').append(c);
                else if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                else sb.append(c);
            }
            return sb.append('"').toString();
        }
    }
}
