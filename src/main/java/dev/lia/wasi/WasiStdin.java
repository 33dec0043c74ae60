package dev.lia.wasi;

import dev.lia.wasm.runtime.HostYield;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;

/**
 * Where a WASI program's standard input comes from: fixed bytes, a stream, or a driver that supplies
 * input as it arrives. In the driver's case a read finding nothing buffered throws {@link HostYield}
 * (before touching anything), so the machine suspends in {@code fd_read}; the driver then
 * {@link #offer}s bytes or {@link #close}s the input and answers the call with
 * {@link WasiPreview1#retry}.
 */
public final class WasiStdin {
    private final InputStream stream;
    private final boolean driven;
    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    private int chunkOffset;
    private boolean closed;

    private WasiStdin(InputStream stream, boolean driven) {
        this.stream = stream;
        this.driven = driven;
    }

    /** Input that is exactly these bytes, then end of file. */
    public static WasiStdin of(byte[] bytes) {
        WasiStdin in = new WasiStdin(null, false);
        if (bytes.length > 0) in.chunks.add(bytes.clone());
        in.closed = true;
        return in;
    }

    /** No input: the first read sees end of file. */
    public static WasiStdin empty() {
        return of(new byte[0]);
    }

    /** Input read from a stream (a read blocks as the stream does). */
    public static WasiStdin of(InputStream stream) {
        return new WasiStdin(stream, false);
    }

    /** Input a driver supplies while the program runs; reading with nothing buffered yields to the driver. */
    public static WasiStdin fromDriver() {
        return new WasiStdin(null, true);
    }

    /** Whether input is supplied by a driver ({@link #fromDriver}). */
    public boolean isDriven() {
        return driven;
    }

    /** Appends input for the program (driver mode). */
    public synchronized void offer(byte[] bytes) {
        if (closed) throw new IllegalStateException("stdin is closed");
        if (bytes.length > 0) chunks.add(bytes.clone());
    }

    /** Ends the input: once the buffered bytes are read the program sees end of file. */
    public synchronized void close() {
        closed = true;
    }

    /** Whether the input has ended (all of it is buffered). */
    public synchronized boolean isClosed() {
        return closed;
    }

    /** The buffered bytes not read yet. */
    synchronized byte[] buffered() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        boolean first = true;
        for (byte[] c : chunks) {
            out.write(c, first ? chunkOffset : 0, c.length - (first ? chunkOffset : 0));
            first = false;
        }
        return out.toByteArray();
    }

    /** Replaces the buffer and the closed flag (restoring a saved state). */
    synchronized void reset(byte[] buffered, boolean closed) {
        chunks.clear();
        chunkOffset = 0;
        if (buffered.length > 0) chunks.add(buffered.clone());
        this.closed = closed;
    }

    /** Whether a read would have to wait for the driver. */
    public synchronized boolean wouldYield() {
        return driven && chunks.isEmpty() && !closed;
    }

    /** Bytes that can be read without waiting (0 at end of file). */
    synchronized long available() throws IOException {
        if (stream != null) return Math.max(0, stream.available());
        long n = -chunkOffset;
        for (byte[] c : chunks) n += c.length;
        return n;
    }

    /**
     * Reads up to {@code length} bytes; returns how many (0 at end of file).
     *
     * @throws HostYield when the driver has to supply input first
     */
    synchronized int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) return 0;
        if (stream != null) {
            int n = stream.read(buffer, offset, length);
            return Math.max(n, 0);
        }
        if (wouldYield()) throw new HostYield("wasi: fd_read on stdin is waiting for input");
        int done = 0;
        while (done < length && !chunks.isEmpty()) {
            byte[] c = chunks.peekFirst();
            int n = Math.min(length - done, c.length - chunkOffset);
            System.arraycopy(c, chunkOffset, buffer, offset + done, n);
            done += n;
            chunkOffset += n;
            if (chunkOffset == c.length) {
                chunks.removeFirst();
                chunkOffset = 0;
            }
        }
        return done;
    }
}
