package dev.lia.wasi;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Everything one WASI instance holds while a program runs: descriptors, clock, random source. */
final class WasiState {
    final byte[][] args;
    final byte[][] env;
    final FdTable fds = new FdTable();
    final WasiClock clock;
    final WasiRandom random;
    final WasiStdin stdin;
    final OutputStream stdout;
    final OutputStream stderr;
    final FileStats stats;

    WasiState(WasiConfig config) {
        args = encode(config.args());
        env = encode(config.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
        clock = config.newClock();
        random = config.newRandom();
        stdin = config.newStdin();
        stdout = config.stdout;
        stderr = config.stderr;
        stats = new FileStats(clock);
        try {
            fds.add(new Fd.Input(stdin));
            fds.add(new Fd.Output(stdout));
            fds.add(new Fd.Output(stderr));
            int index = 0;
            for (WasiConfig.Preopen p : config.preopens()) {
                Sandbox.Root root = new Sandbox.Root(index++, realDirectory(p.host()), p.guestPath());
                fds.add(new Fd.Dir(root, root.real(), p.guestPath(), Rights.DIRECTORY, Rights.INHERITABLE));
            }
        } catch (WasiError e) {
            throw new IllegalArgumentException("too many preopened directories", e);
        }
    }

    private static Path realDirectory(Path host) {
        Path real;
        try {
            real = host.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot preopen " + host + ": " + e.getMessage(), e);
        }
        if (!Files.isDirectory(real)) throw new IllegalArgumentException("cannot preopen " + host + ": not a directory");
        return real;
    }

    private static byte[][] encode(List<String> strings) {
        byte[][] out = new byte[strings.size()][];
        for (int i = 0; i < out.length; i++) out[i] = strings.get(i).getBytes(StandardCharsets.UTF_8);
        return out;
    }

    void flush() {
        for (OutputStream o : new OutputStream[] {stdout, stderr}) {
            try {
                o.flush();
            } catch (IOException ignored) {
                // the sink is gone: nothing to report to
            }
        }
    }
}
