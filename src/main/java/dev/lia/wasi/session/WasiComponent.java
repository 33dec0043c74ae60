package dev.lia.wasi.session;

import dev.lia.script.syntax.Type;
import dev.lia.script.value.Value;
import dev.lia.script.vm.AnsweringHost;
import dev.lia.script.vm.HostRequest;
import dev.lia.state.HostComponent;
import dev.lia.state.Session;
import dev.lia.wasi.WasiConfig;
import dev.lia.wasi.WasiPreview1;
import dev.lia.wasm.runtime.HostFunction;
import dev.lia.wasm.runtime.HostYield;
import dev.lia.wasm.runtime.Instance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The deterministic WASI of a Lia script or session. Its functions go to the VM as Java host
 * functions ({@code wasi_snapshot_preview1.fd_write}, ...; a script's own handler still takes
 * precedence). Stdin comes from the host, event by event: a read with nothing buffered blocks the
 * script with the request {@value #STDIN_REQUEST}, expecting octs; the answer is the next input, and
 * empty octs end it (end of file). The component's state (clock, random source, buffered stdin,
 * descriptors) is saved with the session's, so a program blocked on stdin resumes in another process.
 *
 * <p>The configuration must be deterministic and have no preopened directories; stdin is always
 * the driver's, whatever the configuration says.
 */
public final class WasiComponent implements HostComponent {
    /** The component's name in saved states. */
    public static final String NAME = "wasi";
    /** The request a read of empty stdin blocks on. */
    public static final String STDIN_REQUEST = "wasi.stdin";

    private final WasiPreview1 wasi;
    private final Gate stdout;
    private final Gate stderr;
    private final Map<String, HostFunction> functions = new LinkedHashMap<>();

    /**
     * @param config args, environment, clock and seed, stdout and stderr; its stdin setting is replaced by the driver's
     * @throws IllegalArgumentException if the configuration is not deterministic or preopens directories
     */
    public WasiComponent(WasiConfig config) {
        stdout = new Gate(config.stdout());
        stderr = new Gate(config.stderr());
        wasi = new WasiPreview1(config.withStdinFromDriver().withOutput(stdout, stderr));
        String why = wasi.unsaveableReason();
        if (why != null) throw new IllegalArgumentException("WASI in a Lia session must be deterministic, but " + why);
        wasi.functions().forEach((name, f) -> functions.put(WasiPreview1.MODULE + "." + name, new Function(name, f)));
    }

    /**
     * The settings a session keeps to build the component again: args, environment (in order) and
     * the random seed; the clock is the default virtual one.
     */
    public record Settings(List<String> args, Map<String, String> env, long seed) {
        public Settings {
            args = List.copyOf(args);
            env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
        }

        /** u32 n, n × str arg; u32 n, n × (str name, str value); u64 seed (str = u32 length, UTF-8). */
        public byte[] encode() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            u32(out, args.size());
            for (String a : args) str(out, a);
            u32(out, env.size());
            env.forEach((k, v) -> {
                str(out, k);
                str(out, v);
            });
            for (int i = 0; i < 8; i++) out.write((int) (seed >>> (8 * i)));
            return out.toByteArray();
        }

        /** @throws IllegalArgumentException if the bytes are not what {@link #encode} gives */
        public static Settings decode(byte[] bytes) {
            ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            try {
                int na = count(in);
                List<String> args = new ArrayList<>(na);
                for (int i = 0; i < na; i++) args.add(str(in));
                int ne = count(in);
                Map<String, String> env = new LinkedHashMap<>();
                for (int i = 0; i < ne; i++) {
                    String k = str(in);
                    if (env.put(k, str(in)) != null) throw new IllegalArgumentException("the environment names " + k + " twice");
                }
                long seed = in.getLong();
                if (in.hasRemaining()) throw new IllegalArgumentException(in.remaining() + " bytes after the WASI settings");
                Settings s = new Settings(args, env, seed);
                if (!Arrays.equals(s.encode(), bytes)) throw new IllegalArgumentException("the WASI settings are not canonical");
                return s;
            } catch (BufferUnderflowException e) {
                throw new IllegalArgumentException("the WASI settings end early");
            }
        }

        /** The configuration these settings stand for, writing to {@code out} and {@code err}. */
        public WasiConfig config(OutputStream out, OutputStream err) {
            WasiConfig.Builder b = WasiConfig.builder().args(args).seed(seed).stdout(out).stderr(err);
            env.forEach(b::env);
            return b.build();
        }

        /** What a session records: the component's name and these settings. */
        public Session.HostSetup setup() {
            return new Session.HostSetup(NAME, encode());
        }

        private static void u32(ByteArrayOutputStream out, int v) {
            for (int i = 0; i < 4; i++) out.write(v >>> (8 * i));
        }

        private static void str(ByteArrayOutputStream out, String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            u32(out, b.length);
            out.writeBytes(b);
        }

        private static int count(ByteBuffer in) {
            int n = in.getInt();
            if (n < 0 || n > in.remaining()) throw new IllegalArgumentException("a count of " + Integer.toUnsignedString(n) + " in the WASI settings");
            return n;
        }

        private static String str(ByteBuffer in) {
            byte[] b = new byte[count(in)];
            in.get(b);
            return new String(b, StandardCharsets.UTF_8);
        }
    }

    /** The component for {@code settings}, writing the program's output to {@code out} and {@code err}. */
    public static WasiComponent of(Settings settings, OutputStream out, OutputStream err) {
        return new WasiComponent(settings.config(out, err));
    }

    @Override
    public void replaying(boolean on) {
        stdout.closed = on;
        stderr.closed = on;
    }

    /** An output stream that drops what is written while closed (during a replay). */
    private static final class Gate extends OutputStream {
        private final OutputStream sink;
        volatile boolean closed;

        Gate(OutputStream sink) {
            this.sink = sink;
        }

        @Override
        public void write(int b) throws IOException {
            if (!closed) sink.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (!closed) sink.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            sink.flush();
        }
    }

    /** The functions by {@code module.name}, for the VM's or session's hosts. */
    public Map<String, HostFunction> functions() {
        return Collections.unmodifiableMap(functions);
    }

    /** The WASI instance (its stdin, for a host that supplies input directly). */
    public WasiPreview1 wasi() {
        return wasi;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public byte[] save() {
        wasi.flush();
        return wasi.saveState();
    }

    @Override
    public void load(byte[] state) {
        wasi.loadState(state);
    }

    /** One preview1 function: checks the argument count, and turns waiting for stdin into a request. */
    private final class Function implements HostComponent.Function, AnsweringHost {
        private final String name;
        private final HostFunction implementation;
        private final int params;

        Function(String name, HostFunction implementation) {
            this.name = name;
            this.implementation = implementation;
            this.params = wasi.type(name).params().size();
        }

        @Override
        public long[] call(Instance caller, long[] args) {
            if (args.length != params) {
                throw new IllegalStateException("the module imports " + WasiPreview1.MODULE + "." + name + " with " + args.length
                        + " parameters; WASI's has " + params);
            }
            try {
                return implementation.call(caller, args);
            } catch (HostYield y) { // (proc_exit's WasiExit goes through: the script's outcome is exited, with the code)
                if (!wasi.stdin().wouldYield()) throw y;
                throw new HostRequest(STDIN_REQUEST, List.of(Type.OCTS));
            }
        }

        @Override
        public void answer(String request, List<Value> answer) {
            if (!STDIN_REQUEST.equals(request)) throw new IllegalArgumentException(name + " made no request " + request);
            if (wasi.stdin().isClosed()) throw new IllegalArgumentException("stdin has ended");
            byte[] bytes = answer.get(0).bytes();
            if (bytes.length == 0) wasi.stdin().close();
            else wasi.stdin().offer(bytes);
        }

        @Override
        public HostComponent component() {
            return WasiComponent.this;
        }
    }
}
