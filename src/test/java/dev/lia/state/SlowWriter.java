package dev.lia.state;

import java.nio.file.Path;

/**
 * A process that replaces a file atomically with content it writes slowly: it prints {@code HALF}
 * once half the new content is written, then waits to be killed. Used to show that a write killed
 * midway leaves the old file whole.
 */
public final class SlowWriter {
    public static void main(String[] args) throws Exception {
        Path target = Path.of(args[0]);
        byte[] content = new byte[Integer.parseInt(args[1])];
        java.util.Arrays.fill(content, (byte) 'N');
        AtomicFiles.write(target, out -> {
            out.write(content, 0, content.length / 2);
            out.flush();
            System.out.println("HALF");
            System.out.flush();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.write(content, content.length / 2, content.length - content.length / 2);
        });
    }
}
