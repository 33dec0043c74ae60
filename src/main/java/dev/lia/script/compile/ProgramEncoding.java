package dev.lia.script.compile;

import dev.lia.script.syntax.Type;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The canonical byte encoding of a {@link Program}, big-endian throughout:
 * <pre>
 * "LIAOPS" u32 version(1)
 * u32 mainSlots
 * u32 n, n x (str name, str type, u32 slot)                                  inputs
 * u32 n, n x (str module, str name, types params, types results, u32 entry, u32 slots)   handlers
 * u32 n, n x (str mnemonic, i64 a, u8 hasText [str text], types)            operations
 * str   = u32 byte length, UTF-8 bytes;   types = u32 n, n x str
 * </pre>
 * Positions and the source name are not part of it.
 */
public final class ProgramEncoding {
    public static final int VERSION = 1;

    private ProgramEncoding() {}

    static byte[] encode(Program p) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write("LIAOPS".getBytes(StandardCharsets.US_ASCII));
            out.writeInt(VERSION);
            out.writeInt(p.mainSlots());
            out.writeInt(p.inputs().size());
            for (Program.Input in : p.inputs()) {
                str(out, in.name());
                str(out, in.type().text);
                out.writeInt(in.slot());
            }
            out.writeInt(p.handlers().size());
            for (Program.Handler h : p.handlers()) {
                str(out, h.module());
                str(out, h.name());
                types(out, h.params());
                types(out, h.results());
                out.writeInt(h.entry());
                out.writeInt(h.slots());
            }
            out.writeInt(p.ops().size());
            for (Op op : p.ops()) {
                str(out, op.code().mnemonic);
                out.writeLong(op.a());
                out.writeBoolean(op.text() != null);
                if (op.text() != null) str(out, op.text());
                types(out, op.types());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void str(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static void types(DataOutputStream out, List<Type> types) throws IOException {
        out.writeInt(types.size());
        for (Type t : types) str(out, t.text);
    }

    public static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
