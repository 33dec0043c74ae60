package dev.lia.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Where a WASI program's stdout and stderr go from a script command: onto the command's own
 * writers, in order with what it prints; or, with {@code --json}, into buffers that become the
 * {@code "stdout"} and {@code "stderr"} fields of the one JSON object the command prints.
 */
final class ProgramOutput {
    private final OutputStream out;
    private final OutputStream err;
    private final ByteArrayOutputStream capturedOut;
    private final ByteArrayOutputStream capturedErr;

    private ProgramOutput(OutputStream out, OutputStream err, ByteArrayOutputStream capturedOut, ByteArrayOutputStream capturedErr) {
        this.out = out;
        this.err = err;
        this.capturedOut = capturedOut;
        this.capturedErr = capturedErr;
    }

    static ProgramOutput of(PrintWriter out, PrintWriter err, boolean json) {
        if (!json) return new ProgramOutput(new WriterOutputStream(out), new WriterOutputStream(err), null, null);
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        return new ProgramOutput(o, e, o, e);
    }

    OutputStream out() {
        return out;
    }

    OutputStream err() {
        return err;
    }

    /** {@code ,"stdout":"...","stderr":"..."} when captured, else nothing. */
    String jsonFields() {
        if (capturedOut == null) return "";
        return ",\"stdout\":" + Json.string(capturedOut.toString(StandardCharsets.UTF_8))
                + ",\"stderr\":" + Json.string(capturedErr.toString(StandardCharsets.UTF_8));
    }

    /** A JSON object with {@link #jsonFields()} added before its closing brace. */
    String addTo(String jsonObject) {
        String fields = jsonFields();
        return fields.isEmpty() ? jsonObject : jsonObject.substring(0, jsonObject.length() - 1) + fields + "}";
    }
}
