package dev.lia.wasm.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lia.wasm.Trap;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Replays the single-instruction {@code assert_return} / {@code assert_trap} lines of the official
 * spec tests (from {@code ${lia.shared}/wasm-testsuite/2.0/wast}) against {@link Numerics}, for the
 * instructions it implements. An independent check of the hand-written {@link NumericsTest}.
 *
 * <p>Expected NaN patterns {@code nan:canonical} and {@code nan:arithmetic} are both checked as the
 * canonical NaN, which is what this engine promises (stricter than the spec); any other expected
 * float is compared bit for bit, so NaN payloads expected from abs/neg/copysign must be exact.
 */
class NumericsSpecSuiteTest {

    /** An instruction under test: operand and result types ("i32", "f64", ...) and the function. */
    record Op(String[] params, String result, Function<long[], Long> fn) {}

    static final Map<String, Op> OPS = new HashMap<>();

    static void op(String name, String params, String result, Function<long[], Long> fn) {
        OPS.put(name, new Op(params.split(" "), result, fn));
    }

    static int i(long v) {
        return (int) v;
    }

    static {
        op("f32.add", "f32 f32", "f32", a -> (long) Numerics.f32Add(i(a[0]), i(a[1])));
        op("f32.sub", "f32 f32", "f32", a -> (long) Numerics.f32Sub(i(a[0]), i(a[1])));
        op("f32.mul", "f32 f32", "f32", a -> (long) Numerics.f32Mul(i(a[0]), i(a[1])));
        op("f32.div", "f32 f32", "f32", a -> (long) Numerics.f32Div(i(a[0]), i(a[1])));
        op("f32.min", "f32 f32", "f32", a -> (long) Numerics.f32Min(i(a[0]), i(a[1])));
        op("f32.max", "f32 f32", "f32", a -> (long) Numerics.f32Max(i(a[0]), i(a[1])));
        op("f32.copysign", "f32 f32", "f32", a -> (long) Numerics.f32Copysign(i(a[0]), i(a[1])));
        op("f32.sqrt", "f32", "f32", a -> (long) Numerics.f32Sqrt(i(a[0])));
        op("f32.ceil", "f32", "f32", a -> (long) Numerics.f32Ceil(i(a[0])));
        op("f32.floor", "f32", "f32", a -> (long) Numerics.f32Floor(i(a[0])));
        op("f32.trunc", "f32", "f32", a -> (long) Numerics.f32Trunc(i(a[0])));
        op("f32.nearest", "f32", "f32", a -> (long) Numerics.f32Nearest(i(a[0])));
        op("f32.abs", "f32", "f32", a -> (long) Numerics.f32Abs(i(a[0])));
        op("f32.neg", "f32", "f32", a -> (long) Numerics.f32Neg(i(a[0])));

        op("f64.add", "f64 f64", "f64", a -> Numerics.f64Add(a[0], a[1]));
        op("f64.sub", "f64 f64", "f64", a -> Numerics.f64Sub(a[0], a[1]));
        op("f64.mul", "f64 f64", "f64", a -> Numerics.f64Mul(a[0], a[1]));
        op("f64.div", "f64 f64", "f64", a -> Numerics.f64Div(a[0], a[1]));
        op("f64.min", "f64 f64", "f64", a -> Numerics.f64Min(a[0], a[1]));
        op("f64.max", "f64 f64", "f64", a -> Numerics.f64Max(a[0], a[1]));
        op("f64.copysign", "f64 f64", "f64", a -> Numerics.f64Copysign(a[0], a[1]));
        op("f64.sqrt", "f64", "f64", a -> Numerics.f64Sqrt(a[0]));
        op("f64.ceil", "f64", "f64", a -> Numerics.f64Ceil(a[0]));
        op("f64.floor", "f64", "f64", a -> Numerics.f64Floor(a[0]));
        op("f64.trunc", "f64", "f64", a -> Numerics.f64Trunc(a[0]));
        op("f64.nearest", "f64", "f64", a -> Numerics.f64Nearest(a[0]));
        op("f64.abs", "f64", "f64", a -> Numerics.f64Abs(a[0]));
        op("f64.neg", "f64", "f64", a -> Numerics.f64Neg(a[0]));

        op("i32.div_s", "i32 i32", "i32", a -> (long) Numerics.i32DivS(i(a[0]), i(a[1])));
        op("i32.div_u", "i32 i32", "i32", a -> (long) Numerics.i32DivU(i(a[0]), i(a[1])));
        op("i32.rem_s", "i32 i32", "i32", a -> (long) Numerics.i32RemS(i(a[0]), i(a[1])));
        op("i32.rem_u", "i32 i32", "i32", a -> (long) Numerics.i32RemU(i(a[0]), i(a[1])));
        op("i64.div_s", "i64 i64", "i64", a -> Numerics.i64DivS(a[0], a[1]));
        op("i64.div_u", "i64 i64", "i64", a -> Numerics.i64DivU(a[0], a[1]));
        op("i64.rem_s", "i64 i64", "i64", a -> Numerics.i64RemS(a[0], a[1]));
        op("i64.rem_u", "i64 i64", "i64", a -> Numerics.i64RemU(a[0], a[1]));

        op("i32.trunc_f32_s", "f32", "i32", a -> (long) Numerics.i32TruncF32S(i(a[0])));
        op("i32.trunc_f32_u", "f32", "i32", a -> (long) Numerics.i32TruncF32U(i(a[0])));
        op("i32.trunc_f64_s", "f64", "i32", a -> (long) Numerics.i32TruncF64S(a[0]));
        op("i32.trunc_f64_u", "f64", "i32", a -> (long) Numerics.i32TruncF64U(a[0]));
        op("i64.trunc_f32_s", "f32", "i64", a -> Numerics.i64TruncF32S(i(a[0])));
        op("i64.trunc_f32_u", "f32", "i64", a -> Numerics.i64TruncF32U(i(a[0])));
        op("i64.trunc_f64_s", "f64", "i64", a -> Numerics.i64TruncF64S(a[0]));
        op("i64.trunc_f64_u", "f64", "i64", a -> Numerics.i64TruncF64U(a[0]));
        op("i32.trunc_sat_f32_s", "f32", "i32", a -> (long) Numerics.i32TruncSatF32S(i(a[0])));
        op("i32.trunc_sat_f32_u", "f32", "i32", a -> (long) Numerics.i32TruncSatF32U(i(a[0])));
        op("i32.trunc_sat_f64_s", "f64", "i32", a -> (long) Numerics.i32TruncSatF64S(a[0]));
        op("i32.trunc_sat_f64_u", "f64", "i32", a -> (long) Numerics.i32TruncSatF64U(a[0]));
        op("i64.trunc_sat_f32_s", "f32", "i64", a -> Numerics.i64TruncSatF32S(i(a[0])));
        op("i64.trunc_sat_f32_u", "f32", "i64", a -> Numerics.i64TruncSatF32U(i(a[0])));
        op("i64.trunc_sat_f64_s", "f64", "i64", a -> Numerics.i64TruncSatF64S(a[0]));
        op("i64.trunc_sat_f64_u", "f64", "i64", a -> Numerics.i64TruncSatF64U(a[0]));

        op("f32.convert_i32_s", "i32", "f32", a -> (long) Numerics.f32ConvertI32S(i(a[0])));
        op("f32.convert_i32_u", "i32", "f32", a -> (long) Numerics.f32ConvertI32U(i(a[0])));
        op("f32.convert_i64_s", "i64", "f32", a -> (long) Numerics.f32ConvertI64S(a[0]));
        op("f32.convert_i64_u", "i64", "f32", a -> (long) Numerics.f32ConvertI64U(a[0]));
        op("f64.convert_i32_s", "i32", "f64", a -> Numerics.f64ConvertI32S(i(a[0])));
        op("f64.convert_i32_u", "i32", "f64", a -> Numerics.f64ConvertI32U(i(a[0])));
        op("f64.convert_i64_s", "i64", "f64", a -> Numerics.f64ConvertI64S(a[0]));
        op("f64.convert_i64_u", "i64", "f64", a -> Numerics.f64ConvertI64U(a[0]));
        op("f32.demote_f64", "f64", "f32", a -> (long) Numerics.f32DemoteF64(a[0]));
        op("f64.promote_f32", "f32", "f64", a -> Numerics.f64PromoteF32(i(a[0])));
    }

    // The spec's NaN result patterns; both are checked as the canonical NaN.
    static final String CANONICAL = "nan:canonical";
    static final String ARITHMETIC = "nan:arithmetic";

    static final Pattern ASSERT =
            Pattern.compile("^\\(assert_(return|trap)\\s+\\(invoke\\s+\"([^\"]+)\"(.*)$");
    static final Pattern CONST = Pattern.compile("\\((i32|i64|f32|f64)\\.const\\s+([^\\s)]+)\\s*\\)");
    static final Pattern MESSAGE = Pattern.compile("\"([^\"]*)\"\\s*\\)\\s*$");

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // file, prefix for unqualified export names, number of its assertions Numerics covers
        "conversions.wast, , 508",
        "f32.wast, f32., 2500",
        "f64.wast, f64., 2500",
        "float_misc.wast, , 470",
        "i32.wast, i32., 72",
        "i64.wast, i64., 72",
    })
    void specAssertions(String file, String prefix, int minimum) throws IOException {
        Path dir = Path.of(System.getProperty("lia.shared", "../shared"), "wasm-testsuite", "2.0", "wast");
        Path path = dir.resolve(file);
        Assumptions.assumeTrue(Files.isRegularFile(path), "spec suite not found at " + path);

        List<String> failures = new ArrayList<>();
        int checked = 0;
        int lineNo = 0;
        for (String raw : Files.readAllLines(path)) {
            lineNo++;
            String line = raw.replaceAll(";;.*$", "").strip();
            Matcher m = ASSERT.matcher(line);
            if (!m.matches()) continue;
            boolean isTrap = m.group(1).equals("trap");
            String name = m.group(2);
            Op op = OPS.get(name.contains(".") || prefix == null ? name : prefix + name);
            if (op == null) continue; // an instruction outside Numerics (shifts, reinterpret, ...)

            List<String[]> consts = new ArrayList<>();
            Matcher c = CONST.matcher(m.group(3));
            while (c.find()) consts.add(new String[] {c.group(1), c.group(2)});
            int arity = op.params().length;
            if (consts.size() != arity + (isTrap ? 0 : 1)) {
                failures.add(lineNo + ": cannot parse " + line);
                continue;
            }
            long[] args = new long[arity];
            for (int k = 0; k < arity; k++) {
                if (!consts.get(k)[0].equals(op.params()[k])) failures.add(lineNo + ": operand type " + line);
                args[k] = parse(consts.get(k)[0], consts.get(k)[1]);
            }
            checked++;
            String where = file + ":" + lineNo + " " + line;
            if (isTrap) {
                Matcher msg = MESSAGE.matcher(line);
                String expected = msg.find() ? msg.group(1) : "?";
                try {
                    long got = op.fn().apply(args);
                    failures.add(where + "\n    returned " + show(op.result(), got) + " instead of trapping");
                } catch (Trap t) {
                    if (!t.getMessage().startsWith(expected)) {
                        failures.add(where + "\n    trapped with \"" + t.getMessage() + "\"");
                    }
                }
            } else {
                String[] res = consts.get(arity);
                if (!res[0].equals(op.result())) failures.add(lineNo + ": result type " + line);
                String lit = res[1];
                long expected = lit.equals(CANONICAL) || lit.equals(ARITHMETIC)
                        ? (res[0].equals("f32") ? Numerics.CANONICAL_NAN_32 : Numerics.CANONICAL_NAN_64)
                        : parse(res[0], lit);
                try {
                    long got = op.fn().apply(args);
                    if (!same(op.result(), got, expected)) {
                        failures.add(where + "\n    got " + show(op.result(), got)
                                + ", expected " + show(op.result(), expected));
                    }
                } catch (Trap t) {
                    failures.add(where + "\n    trapped with \"" + t.getMessage() + "\"");
                }
            }
        }
        assertThat(failures).as("spec assertions that failed in " + file).isEmpty();
        assertThat(checked).as("assertions checked in " + file).isGreaterThanOrEqualTo(minimum);
    }

    static boolean same(String type, long a, long b) {
        return type.endsWith("32") ? (int) a == (int) b : a == b;
    }

    static String show(String type, long v) {
        switch (type) {
            case "i32": return String.format("0x%08x", (int) v);
            case "f32": return String.format("0x%08x (%s)", (int) v, Float.intBitsToFloat((int) v));
            case "f64": return String.format("0x%016x (%s)", v, Double.longBitsToDouble(v));
            default: return String.format("0x%016x", v);
        }
    }

    // ---- wast literals ---------------------------------------------------------------------------

    /** The raw bits of a wast literal of the given type (i32/f32 bits in the low half). */
    static long parse(String type, String literal) {
        String s = literal.replace("_", "");
        boolean negative = s.startsWith("-");
        if (s.startsWith("-") || s.startsWith("+")) s = s.substring(1);
        switch (type) {
            case "i32":
            case "i64": {
                BigInteger v = s.startsWith("0x") ? new BigInteger(s.substring(2), 16) : new BigInteger(s);
                if (negative) v = v.negate();
                return type.equals("i32") ? v.intValue() : v.longValue();
            }
            case "f32": {
                int bits;
                if (s.equals("inf")) {
                    bits = 0x7f800000;
                } else if (s.equals("nan")) {
                    bits = 0x7fc00000;
                } else if (s.startsWith("nan:0x")) {
                    bits = 0x7f800000 | Integer.parseInt(s.substring(6), 16);
                } else {
                    bits = Float.floatToRawIntBits(Float.parseFloat(javaFloatSyntax(s)));
                }
                return negative ? bits | 0x80000000 : bits;
            }
            case "f64": {
                long bits;
                if (s.equals("inf")) {
                    bits = 0x7ff0000000000000L;
                } else if (s.equals("nan")) {
                    bits = 0x7ff8000000000000L;
                } else if (s.startsWith("nan:0x")) {
                    bits = 0x7ff0000000000000L | Long.parseLong(s.substring(6), 16);
                } else {
                    bits = Double.doubleToRawLongBits(Double.parseDouble(javaFloatSyntax(s)));
                }
                return negative ? bits | 0x8000000000000000L : bits;
            }
            default:
                throw new IllegalArgumentException(type);
        }
    }

    /** Java needs a binary exponent on hex floats ({@code 0x1.8} is {@code 0x1.8p0}). */
    static String javaFloatSyntax(String s) {
        if (s.startsWith("0x") && s.indexOf('p') < 0 && s.indexOf('P') < 0) return s + "p0";
        return s;
    }
}
