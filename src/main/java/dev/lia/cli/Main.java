package dev.lia.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/**
 * The {@code lia} command line. {@link #run} is the whole program without {@code System.exit}, so
 * tests can run it in-process.
 *
 * <p>Exit codes: 0 success, 1 the program trapped or a test failed, 2 bad input (usage, unreadable
 * file, malformed/invalid/unlinkable module), 70 an internal error of the engine; lia run and lia
 * resume add 3 blocked, 4 out of fuel, 5 exited with a non-zero code.
 */
@Command(name = "lia",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Lia: a deterministic WebAssembly engine.",
        footerHeading = "%nExit codes:%n",
        footer = {"  0  success", "  1  the program trapped, or a test failed",
                "  2  bad input: usage, unreadable file, malformed/invalid/unlinkable module",
                "  70 internal error (a defect of Lia: please report it)",
                "  lia run and lia resume also:",
                "  2  the script failed",
                "  3  blocked on a request",
                "  4  out of fuel",
                "  5  the session changed since it was read: nothing was written",
                "  6  the program exited (WASI proc_exit) with a code other than 0",
                "%nRun 'lia COMMAND --help' for the options of a command."})
public final class Main implements Callable<Integer> {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int BAD_INPUT = 2;
    /** An internal error: distinct from every outcome's status (3 is blocked), as sysexits' EX_SOFTWARE. */
    public static final int INTERNAL = 70;
    /** A session changed since the command read it: nothing was written (lia run --session, lia resume). */
    public static final int CONFLICT = 5;

    /** The commands, in the order the usage lists them (see {@link #commandLine}). */
    private static final java.util.List<Class<?>> COMMANDS = java.util.List.of(RunCommand.class, CheckCommand.class, OpsCommand.class,
            SnapshotCommand.class, CallCommand.class, WastCommand.class, Wat2WasmCommand.class, Wasm2WatCommand.class, ReplCommand.class,
            WasiCommand.class, ResumeCommand.class, StateCommand.class, SessionsCommand.class, DebugCommand.class,
            CommandLine.HelpCommand.class);

    @Spec
    CommandSpec spec;

    /**
     * The command line with the command {@code args} name alone when they begin with one, else with
     * every command (for the usage, help, and mistakes). Picocli builds each command's model by
     * reflection when it is added, about 0.2 s of CPU for all of them in a fresh JVM: a cold
     * {@code lia run} should not pay for the other thirteen.
     */
    static CommandLine commandLine(String... args) {
        CommandLine cmd = new CommandLine(new Main());
        Class<?> named = null;
        for (Class<?> c : COMMANDS) {
            if (args.length > 0 && !c.equals(CommandLine.HelpCommand.class) && c.getAnnotation(Command.class).name().equals(args[0])) named = c;
        }
        for (Class<?> c : COMMANDS) if (named == null || c.equals(named)) cmd.addSubcommand(c);
        return cmd;
    }

    @Override
    public Integer call() {
        // no subcommand given
        spec.commandLine().getErr().println("lia: a command is required");
        spec.commandLine().usage(spec.commandLine().getErr());
        return BAD_INPUT;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = run(out, err, args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs the command line; returns the exit code. Never throws, never prints a stack trace. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        try {
            CommandLine cmd = commandLine(args);
            cmd.setOut(out);
            cmd.setErr(err);
            cmd.setExecutionExceptionHandler(Main::executionError);
            cmd.setParameterExceptionHandler(Main::parameterError);
            // no picocli @-files: "@path" is an argument ("--result @answer.txt", "--arg code=@m.wasm", after "--")
            cmd.setExpandAtFiles(false);
            // "lia call m.wasm f -5": negative numbers are arguments, not options
            if (cmd.getSubcommands().containsKey("call")) cmd.getSubcommands().get("call").setUnmatchedOptionsArePositionalParams(true);
            TierOption.reset();
            int code = cmd.execute(args);
            TierOption.report(err);
            return code;
        } catch (Throwable t) { // an Error escaping a command (stack overflow, out of memory)
            err.println("lia: internal error: " + describe(t));
            if (wantsJson(java.util.Arrays.asList(args))) out.println(errorJson("lia: internal error: " + describe(t), INTERNAL));
            return INTERNAL;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static int executionError(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        boolean json = wantsJson(parseResult.originalArgs());
        if (ex instanceof CliException c) {
            err.println(c.getMessage());
            if (json) cmd.getOut().println(errorJson(c.getMessage(), c.exitCode()));
            return c.exitCode();
        }
        String message = qualifiedName(cmd) + ": internal error: " + describe(ex);
        err.println(message);
        if (json) cmd.getOut().println(errorJson(message, INTERNAL));
        return INTERNAL;
    }

    private static int parameterError(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        String message = qualifiedName(cmd) + ": " + unknownCommand(cmd, args).orElse(ex.getMessage());
        err.println(message);
        err.println("Try '" + qualifiedName(cmd) + " --help' for more information.");
        if (wantsJson(java.util.Arrays.asList(args))) cmd.getOut().println(errorJson(message, BAD_INPUT));
        return BAD_INPUT;
    }

    /** "lia frob": picocli would say "Unmatched argument at index 0"; a user typed a command name. */
    private static java.util.Optional<String> unknownCommand(CommandLine cmd, String[] args) {
        if (cmd.getParent() != null || args.length == 0 || args[0].startsWith("-")) return java.util.Optional.empty();
        java.util.List<String> names = new java.util.ArrayList<>();
        for (Class<?> c : COMMANDS) if (!c.equals(CommandLine.HelpCommand.class)) names.add(c.getAnnotation(Command.class).name());
        return java.util.Optional.of("unknown command '" + args[0] + "' (commands: " + String.join(", ", names) + ")");
    }

    /** The commands with a {@code --json} option ({@code MainJsonCommandsTest} keeps this list true to their options). */
    static final java.util.Set<String> JSON_COMMANDS = java.util.Set.of("run", "resume", "state", "call");

    /**
     * Whether the command line asks for JSON: a command that has the option, and {@code --json} among
     * the options (before a {@code --}). Another command's stray "--json" is only an unknown argument.
     */
    static boolean wantsJson(java.util.List<String> args) {
        if (args.isEmpty() || !JSON_COMMANDS.contains(args.get(0))) return false;
        for (String a : args) {
            if (a.equals("--")) return false;
            if (a.equals("--json")) return true;
        }
        return false;
    }

    /**
     * An error (bad input, or an internal error) under {@code --json}: one object on standard output,
     * {@code {"outcome":"error","message":"lia run: ...","exit":2}}, besides the line on standard error.
     */
    static String errorJson(String message, int exit) {
        return "{\"outcome\":\"error\",\"message\":" + Json.string(message) + ",\"exit\":" + exit + "}";
    }

    static String qualifiedName(CommandLine cmd) {
        return cmd.getCommandSpec().qualifiedName();
    }

    static String describe(Throwable t) {
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m != null ? ": " + m : "");
    }

    /** The version from the jar's manifest, if any. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"lia " + (v != null ? v : "(development build)"),
                    "state format " + dev.lia.state.StateCodec.VERSION + ", session files " + dev.lia.state.SessionFile.VERSION,
                    "WebAssembly 3.0 (SIMD, relaxed SIMD in its deterministic profile, GC, exceptions, tail calls, memory64, multi-memory); WASI preview1"};
        }
    }
}
