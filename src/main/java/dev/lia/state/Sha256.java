package dev.lia.state;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests and their printed form {@code sha256:HEX}. */
public final class Sha256 {
    public static final int LENGTH = 32;

    private Sha256() {}

    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    public static byte[] of(byte[] data) {
        return digest().digest(data);
    }

    public static byte[] of(byte[] data, int offset, int length) {
        MessageDigest d = digest();
        d.update(data, offset, length);
        return d.digest();
    }

    public static String hex(byte[] hash) {
        return HexFormat.of().formatHex(hash);
    }

    /** {@code sha256:} and the lowercase hex digits. */
    public static String text(byte[] hash) {
        return "sha256:" + hex(hash);
    }
}
