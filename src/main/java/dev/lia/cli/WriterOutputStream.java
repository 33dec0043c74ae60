package dev.lia.cli;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A program's output bytes onto a command's writer, decoded as UTF-8 (malformed bytes become
 * U+FFFD), so that it interleaves in order with what the command prints itself. A sequence cut
 * between two writes is completed by the next one; each line is flushed as it ends.
 */
final class WriterOutputStream extends OutputStream {
    private final PrintWriter writer;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private ByteBuffer pending = ByteBuffer.allocate(0);

    WriterOutputStream(PrintWriter writer) {
        this.writer = writer;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        ByteBuffer in = ByteBuffer.allocate(pending.remaining() + len);
        in.put(pending).put(b, off, len).flip();
        CharBuffer out = CharBuffer.allocate(in.remaining() + 1);
        decoder.decode(in, out, false);
        out.flip();
        writer.append(out);
        pending = in.slice(); // an incomplete sequence at the end waits for its other bytes
        for (int i = 0; i < out.limit(); i++) {
            if (out.get(i) == '\n') { // a whole line goes out at once, as a terminal would show it
                writer.flush();
                break;
            }
        }
    }

    @Override
    public void flush() {
        writer.flush();
    }
}
