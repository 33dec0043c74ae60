package dev.lia.cli;

import dev.lia.state.Session;
import dev.lia.wasi.session.WasiComponent;
import dev.lia.wasm.runtime.HostFunction;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code --wasi} and its settings for {@code lia run}: the script's module gets the deterministic
 * {@code wasi_snapshot_preview1} (virtual clock, seeded random source, no files), its stdout and
 * stderr go to the command's, and a read of stdin with nothing buffered blocks the script with the
 * request {@code wasi.stdin}, answered with octs (empty octs: end of input).
 */
final class WasiOptions {
    @Option(names = "--wasi", description = "give the module WASI preview1 (deterministic; stdin is the request wasi.stdin)")
    boolean wasi;

    @Option(names = "--wasi-arg", paramLabel = "ARG", description = "with --wasi: a program argument after argv[0] (the module's file name); repeat for each")
    List<String> arguments = new ArrayList<>();

    @Option(names = "--env", paramLabel = "NAME=VALUE", description = "with --wasi: an environment variable; repeat for each")
    List<String> env = new ArrayList<>();

    @Option(names = "--seed", paramLabel = "N", description = "with --wasi: the seed of the random source (default 0)")
    Long seed;

    /** The settings given, or null without --wasi. */
    WasiComponent.Settings settings(String command, Path module) {
        if (!wasi) {
            if (!arguments.isEmpty() || !env.isEmpty() || seed != null) {
                throw new CliException(Main.BAD_INPUT, command + ": --wasi-arg, --env and --seed go with --wasi");
            }
            return null;
        }
        List<String> argv = new ArrayList<>();
        argv.add(module == null || module.getFileName() == null ? "program" : module.getFileName().toString());
        argv.addAll(arguments);
        Map<String, String> vars = new LinkedHashMap<>();
        for (String e : env) {
            int eq = e.indexOf('=');
            if (eq <= 0) throw new CliException(Main.BAD_INPUT, command + ": --env " + e + ": expected NAME=VALUE");
            if (vars.put(e.substring(0, eq), e.substring(eq + 1)) != null) {
                throw new CliException(Main.BAD_INPUT, command + ": --env " + e.substring(0, eq) + " is given twice");
            }
        }
        return new WasiComponent.Settings(argv, vars, seed == null ? 0 : seed);
    }

    /** The WASI host functions for a run without a session (none without --wasi), writing to {@code output}. */
    Map<String, HostFunction> hosts(String command, Path module, ProgramOutput output) {
        WasiComponent.Settings s = settings(command, module);
        return s == null ? Map.of() : WasiComponent.of(s, output.out(), output.err()).functions();
    }

    boolean given() {
        return wasi || !arguments.isEmpty() || !env.isEmpty() || seed != null;
    }

    /**
     * Fresh host functions for a session's host components, writing program output to the command's
     * writers. Each call makes new components: their state belongs to one live session.
     */
    static Supplier<Map<String, HostFunction>> hosts(String command, List<Session.HostSetup> setups, ProgramOutput output) {
        List<WasiComponent.Settings> wasi = new ArrayList<>();
        for (Session.HostSetup h : setups) {
            if (!h.component().equals(WasiComponent.NAME)) {
                throw new CliException(Main.BAD_INPUT, command + ": the session uses host component " + h.component() + ", which this build does not have");
            }
            try {
                wasi.add(WasiComponent.Settings.decode(h.settings()));
            } catch (IllegalArgumentException e) {
                throw new CliException(Main.BAD_INPUT, command + ": the session's WASI settings are bad: " + e.getMessage());
            }
        }
        return () -> {
            Map<String, HostFunction> hosts = new LinkedHashMap<>();
            for (WasiComponent.Settings s : wasi) {
                hosts.putAll(WasiComponent.of(s, output.out(), output.err()).functions());
            }
            return hosts;
        };
    }
}
