package dev.lia.wasm.binary;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds small binary modules for tests: sections get their size prefixed automatically. */
final class Bin {
    static final byte[] HEADER = bytes(0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00);

    private Bin() {}

    static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) out[i] = (byte) values[i];
        return out;
    }

    static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    /** The header followed by the given sections. */
    static byte[] module(byte[]... sections) {
        return cat(HEADER, cat(sections));
    }

    /** A section: id, u32 size, contents. */
    static byte[] section(int id, byte[] contents) {
        return cat(bytes(id), u32(contents.length), contents);
    }

    static byte[] section(int id, int... contents) {
        return section(id, bytes(contents));
    }

    /** A name: u32 length and UTF-8 bytes. */
    static byte[] name(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        return cat(u32(utf8.length), utf8);
    }

    static byte[] u32(long v) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        do {
            int b = (int) (v & 0x7F);
            v >>>= 7;
            out.write(v != 0 ? b | 0x80 : b);
        } while (v != 0);
        return out.toByteArray();
    }

    /** A module with one function of type [] -> [] and the given body (locals and code, without size). */
    static byte[] oneFunction(byte[] body) {
        return module(
                section(1, 0x01, 0x60, 0x00, 0x00),
                section(3, 0x01, 0x00),
                section(10, cat(bytes(0x01), u32(body.length), body)));
    }

    /** {@link #oneFunction} with no locals and the given code, which must end with 0x0B. */
    static byte[] code(int... code) {
        return oneFunction(cat(bytes(0x00), bytes(code)));
    }
}
