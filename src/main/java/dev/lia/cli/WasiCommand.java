package dev.lia.cli;

import dev.lia.wasi.WasiConfig;
import dev.lia.wasi.WasiExit;
import dev.lia.wasi.WasiPreview1;
import dev.lia.wasm.LinkException;
import dev.lia.wasm.Trap;
import dev.lia.wasm.debug.Backtraces;
import dev.lia.wasm.debug.SourceMap;
import dev.lia.wasm.compile.CompiledModule;
import dev.lia.wasm.exec.Machine;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code lia wasi PROGRAM.wasm [--dir HOST[=GUEST]]... [--env K=V]... [-- ARGS...]}: runs a WASI command. */
@Command(name = "wasi",
        mixinStandardHelpOptions = true,
        description = {"Runs a WASI (wasi_snapshot_preview1) command module: calls its _start export.",
                "The program's stdin, stdout and stderr are this process's. Its argv[0] is the file name of "
                        + "PROGRAM; put its own arguments after '--'.",
                "Deterministic unless asked otherwise: a virtual clock (starting 2024-01-01T00:00:00Z, advancing "
                        + "1 ms per reading), random bytes from a seeded generator, an empty environment, and "
                        + "no files but the --dir directories (paths never escape them)."},
        footerHeading = "%nExit codes:%n",
        footer = {"  N  the program's exit code (proc_exit(N)); 0 when _start returns",
                "  1  trap (printed as 'trap: MESSAGE')",
                "  2  bad input: unreadable file, malformed/invalid/unlinkable module, no _start, bad --dir/--env"})
final class WasiCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PROGRAM.wasm", description = "a WASI command module in the binary format")
    Path program;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "the program's arguments (after '--')")
    List<String> args = new ArrayList<>();

    @Option(names = "--dir", paramLabel = "HOST[=GUEST]",
            description = "let the program use host directory HOST, seen as GUEST (default: HOST as written)")
    List<String> dirs = new ArrayList<>();

    @Option(names = "--env", paramLabel = "K=V", description = "set an environment variable")
    List<String> env = new ArrayList<>();

    @Option(names = "--real-clock", description = "use the host's clocks instead of the virtual clock")
    boolean realClock;

    @Option(names = "--real-random", description = "random bytes from the host's SecureRandom instead of the seeded generator")
    boolean realRandom;

    @Option(names = "--seed", paramLabel = "N", description = "seed of the random generator (default: 0)")
    long seed;

    // The standard streams as they are when the command is created (tests replace them first).
    private final InputStream stdin = System.in;
    private final PrintStream stdout = System.out;
    private final PrintStream stderr = System.err;


    @picocli.CommandLine.Mixin
    TierOption tierOption = new TierOption();
    @Override
    public Integer call() {
        WasiConfig config = config();
        CompiledModule compiled = ModuleFiles.compile(program, ModuleFiles.decode(program, ModuleFiles.read(program, "lia wasi")));
        String refused = WasiPreview1.refusal(compiled.module());
        if (refused != null) throw new CliException(Main.BAD_INPUT, "lia wasi: " + program + ": " + refused);
        spec.commandLine().getOut().flush();
        spec.commandLine().getErr().flush();

        Store store = new Store();
        Machine machine = new Machine(store);
        try (WasiPreview1 wasi = new WasiPreview1(config)) {
            Instance instance;
            try {
                instance = machine.instantiate(compiled, wasi.imports(store, compiled.module()));
            } catch (LinkException e) {
                throw new CliException(Main.BAD_INPUT, "unlinkable: " + e.getMessage());
            }
            if (instance.exportedFunction("_start") == null) {
                throw new CliException(Main.BAD_INPUT, "lia wasi: " + program + " exports no _start function (not a WASI command)");
            }
            return wasi.runCommand(machine, instance);
        } catch (WasiExit e) { // proc_exit from the module's start function
            return e.code();
        } catch (Trap e) { // with the wasm backtrace, and source lines when the module has DWARF line tables
            throw new CliException(Main.FAILED, Backtraces.format(e, SourceMap.of(compiled.module())));
        } finally {
            stdout.flush();
            stderr.flush();
        }
    }

    private WasiConfig config() {
        WasiConfig.Builder b = WasiConfig.builder()
                .args(program.getFileName() != null ? program.getFileName().toString() : program.toString())
                .args(args)
                .stdin(stdin)
                .stdout(unclosable(stdout))
                .stderr(unclosable(stderr));
        for (String d : dirs) {
            int eq = d.indexOf('=');
            String host = eq < 0 ? d : d.substring(0, eq);
            String guest = eq < 0 ? d : d.substring(eq + 1);
            if (host.isEmpty() || guest.isEmpty()) throw new CliException(Main.BAD_INPUT, "lia wasi: bad --dir " + d + " (want HOST or HOST=GUEST)");
            Path hostPath = Path.of(host);
            if (!Files.isDirectory(hostPath)) throw new CliException(Main.BAD_INPUT, "lia wasi: --dir " + host + ": not a directory");
            b.preopen(hostPath, guest);
        }
        for (String e : env) {
            int eq = e.indexOf('=');
            if (eq <= 0) throw new CliException(Main.BAD_INPUT, "lia wasi: bad --env " + e + " (want NAME=VALUE)");
            b.env(e.substring(0, eq), e.substring(eq + 1));
        }
        if (realClock) b.realClock();
        if (realRandom) b.secureRandom();
        else b.seed(seed);
        return b.build();
    }

    private static OutputStream unclosable(PrintStream s) {
        return new OutputStream() {
            @Override
            public void write(int b) {
                s.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                s.write(b, off, len);
            }

            @Override
            public void flush() {
                s.flush();
            }
        };
    }
}
