package dev.lia.wasm.text;

import dev.lia.wasm.text.SExpr.Atom;
import dev.lia.wasm.text.SExpr.Kind;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** {@code v128} literals: a shape ({@code i8x16} ... {@code f64x2}) and one number per lane, as 16 bytes. */
public final class V128Text {
    private V128Text() {}

    /** Lanes of each shape. */
    public static int lanes(String shape) {
        return switch (shape) {
            case "i8x16" -> 16;
            case "i16x8" -> 8;
            case "i32x4", "f32x4" -> 4;
            case "i64x2", "f64x2" -> 2;
            default -> -1;
        };
    }

    /** Reads the shape and lanes from the cursor. */
    static byte[] parse(Cursor c) {
        SExpr s = c.next();
        String shape = s instanceof Atom a && a.kind() == Kind.KEYWORD ? a.text() : null;
        int n = shape == null ? -1 : lanes(shape);
        if (n < 0) throw Cursor.unexpected(s);
        checkCount(c, n, "wrong number of lane literals");
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            SExpr e = c.next();
            switch (shape) {
                case "i8x16" -> b.put((byte) lane(e, 8));
                case "i16x8" -> b.putShort((short) lane(e, 16));
                case "i32x4" -> b.putInt((int) InstrParser.intConst(e, 32));
                case "i64x2" -> b.putLong(InstrParser.intConst(e, 64));
                case "f32x4" -> b.putInt((int) InstrParser.f32Const(e));
                default -> b.putLong(InstrParser.f64Const(e));
            }
        }
        return b.array();
    }

    /**
     * That exactly {@code n} numbers follow; a token that is no token at all among them is reported as
     * such first (the reference reads lanes one by one).
     */
    static void checkCount(Cursor c, int n, String message) {
        int k = numbersAhead(c);
        if (k == n) return;
        if (k < n && c.peek(k) instanceof Atom a && Cursor.unknownOperator(a)) throw Cursor.unexpected(a);
        throw new TextFormatException(message, c.position());
    }

    /** How many number tokens follow in a row. */
    static int numbersAhead(Cursor c) {
        int n = 0;
        while (c.peek(n) instanceof Atom a && (a.kind() == Kind.NAT || a.kind() == Kind.INT || a.kind() == Kind.FLOAT)) n++;
        return n;
    }

    /** An i8 or i16 lane: -2^(N-1) .. 2^N - 1. */
    private static long lane(SExpr e, int bits) {
        if (e instanceof Atom a && (a.kind() == Kind.NAT || a.kind() == Kind.INT)) {
            try {
                return Numbers.integer(a.text(), bits);
            } catch (Numbers.RangeException x) {
                throw new TextFormatException("constant out of range", a.pos());
            } catch (Numbers.SyntaxException x) {
                throw Cursor.unexpected(a);
            }
        }
        throw Cursor.unexpected(e);
    }
}
