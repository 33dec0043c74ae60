package dev.lia.wasm.text;

import dev.lia.wasm.syntax.Opcode;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The keywords of the text and script formats. A keyword token that is none of these is an
 * "unknown operator", wherever it stands.
 */
final class Keywords {
    private Keywords() {}

    private static final Set<String> KNOWN = new HashSet<>();
    private static final Pattern MEMARG = Pattern.compile("(offset|align)=(0x[0-9a-fA-F]+(_?[0-9a-fA-F]+)*|[0-9]+(_?[0-9]+)*)");

    static {
        for (String k : new String[] {
                "module", "type", "func", "param", "result", "local", "global", "table", "memory", "elem", "data",
                "import", "export", "start", "mut", "offset", "item", "declare", "then", "else", "end",
                "funcref", "externref", "extern", "i32", "i64", "f32", "f64", "v128",
                "i8x16", "i16x8", "i32x4", "i64x2", "f32x4", "f64x2",
                "binary", "quote", "register", "invoke", "get", "script", "input", "output",
                "assert_return", "assert_trap", "assert_exhaustion", "assert_malformed", "assert_invalid",
                "assert_unlinkable", "assert_uninstantiable", "nan:canonical", "nan:arithmetic", "ref.extern",
                // exception handling
                "tag", "exnref", "exn", "catch", "catch_ref", "catch_all", "catch_all_ref", "assert_exception",
                // 3.0 types: references, recursion groups, GC
                "ref", "null", "rec", "sub", "final", "struct", "array", "field", "i8", "i16", "any", "eq", "i31",
                "none", "nofunc", "noextern", "noexn", "anyref", "eqref", "i31ref", "structref", "arrayref", "nullref",
                "nullfuncref", "nullexternref", "nullexnref", "ref.i31", "ref.struct", "ref.array", "ref.eq", "ref.any",
                "ref.host", "definition", "instance"}) {
            KNOWN.add(k);
        }
        for (Opcode op : Opcode.values()) KNOWN.add(op.text);
    }

    static boolean isKnown(String word) {
        return KNOWN.contains(word) || MEMARG.matcher(word).matches();
    }
}
