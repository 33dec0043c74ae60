package dev.lia.cli;

import dev.lia.wasm.debug.Breakpoint;
import dev.lia.wasm.debug.DebugAbort;
import dev.lia.wasm.debug.DebugInfo;
import dev.lia.wasm.debug.Debugger;
import dev.lia.wasm.debug.FrameView;
import dev.lia.wasm.debug.SourceLocation;
import dev.lia.wasm.debug.Stop;
import dev.lia.wasm.debug.DebugValue;
import dev.lia.wasm.debug.Variable;
import dev.lia.wasm.syntax.FuncType;
import dev.lia.wasm.syntax.Instruction;
import dev.lia.wasm.syntax.Opcode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The command loop of {@code lia debug}: reads commands line by line, both before a run and whenever
 * the debugged program stops (the debugger's {@link dev.lia.wasm.debug.StopHandler}, so the run
 * continues when a resuming command is read).
 */
final class DebugConsole {
    /** What starts the program: calling an export of a module, or running a script. */
    interface Program {
        /** Runs with the words after {@code run}/{@code call}; prints the outcome. */
        void run(DebugConsole console, List<String> args);

        /** How {@code run} is used, for help and errors. */
        String usage();

        /** Answers the request the program is blocked on with the words after {@code answer}; prints the outcome. */
        default void answer(DebugConsole console, String values) {
            throw new IllegalArgumentException("only a script blocks on requests");
        }
    }

    private enum After { STAY, RESUME }

    /** Where command lines come from. */
    interface Input {
        /** The next line, after showing {@code prompt}; null at the end of the input. */
        String read(String prompt);
    }

    /** Lines from a reader (standard input that is not a terminal); echoed after the prompt when {@code echo}. */
    static Input piped(BufferedReader in, PrintWriter out, boolean echo) {
        return prompt -> {
            out.print(prompt);
            out.flush();
            String line;
            try {
                line = in.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (line == null) out.println();
            else if (echo) out.println(line);
            out.flush();
            return line;
        };
    }

    static final String HELP = """
            Commands (a LOCATION is FUNCTION, FUNCTION@OFFSET, OFFSET or FILE:LINE; offsets are module byte offsets):
              break LOCATION      (b)  set a breakpoint; FILE:LINE needs DWARF line tables
              delete [N]               delete breakpoint N, or all
              breakpoints              list the breakpoints
              run ARGS...         (r)  start the program (a module: run EXPORT ARGS...; a script: run)
              call EXPORT ARGS...      same as run, for a module
              answer VALUE...     (a)  answer the request a script is blocked on (values read by the types it expects)
              step                (s)  next source line, into calls (an instruction without line tables)
              next                (n)  next source line, over calls (an instruction without line tables)
              stepi               (si) one instruction, into calls
              nexti               (ni) one instruction, over calls
              finish                   run until the current function returns
              continue            (c)  run until a breakpoint
              bt                       the wasm backtrace, with source lines
              frame [N]           (f)  select frame N for locals, stack, disas and list (up, down move by one)
              locals                   the selected frame's locals, typed
              stack                    the selected frame's operand stack, bottom first
              globals                  the instance's globals
              x ADDR [LEN]             memory bytes from ADDR (default 64), in hex and ASCII
              disas [FUNCTION]         a function's instructions with their byte offsets
              list [FILE:LINE|FUNCTION] source lines around a line
              trace on|off             print every instruction as it runs (function, byte offset, depth, instruction)
              kill                     abort the run (at a trap: let it end the run)
              quit                (q)  abort any run and leave""";

    private final Input in;
    private final PrintWriter out;
    private final Debugger debugger;
    private final DebugInfo info;
    private final Program program;
    private final List<Path> sourceDirs;
    private final Map<String, List<String>> sources = new HashMap<>();

    private boolean stopped;
    private boolean quit;
    private int frame;

    DebugConsole(Input in, PrintWriter out, Debugger debugger, Program program, List<Path> sourceDirs) {
        this.in = in;
        this.out = out;
        this.debugger = debugger;
        this.info = debugger.info();
        this.program = program;
        this.sourceDirs = sourceDirs;
        debugger.onStop((d, stop) -> onStop(stop));
    }

    PrintWriter out() {
        return out;
    }

    Debugger debugger() {
        return debugger;
    }

    /** Reads and runs commands until quit or the end of the input. */
    void loop() {
        while (!quit) {
            String line = read();
            if (line == null) break;
            execute(line);
        }
    }

    private String read() {
        out.flush();
        return in.read("(lia) ");
    }

    /** Words to complete on a terminal: the commands and the module's function names. */
    List<String> completions() {
        List<String> words = new ArrayList<>(List.of("break", "delete", "breakpoints", "run", "call", "step", "next", "stepi",
                "nexti", "finish", "continue", "bt", "frame", "up", "down", "locals", "stack", "globals", "x", "disas", "list",
                "trace", "kill", "quit", "help", "answer"));
        for (int f = 0; f < info.functionCount(); f++) if (info.isDefined(f)) words.add(info.functionName(f));
        words.addAll(info.sources().files());
        return words;
    }

    /** The program stopped: announce it and read commands until one lets it go on. */
    private void onStop(Stop stop) {
        stopped = true;
        frame = 0;
        try {
            announce(stop);
            while (true) {
                String line = read();
                if (line == null) {
                    quit = true;
                    debugger.abort(); // throws out of the run
                }
                if (execute(line) == After.RESUME) return;
            }
        } finally {
            stopped = false;
        }
    }

    private void announce(Stop stop) {
        FrameView top = stop.top();
        String why = switch (stop.reason()) {
            case BREAKPOINT -> "Breakpoint " + stop.breakpoint().id() + ", ";
            case PAUSE -> "Paused, ";
            case STEP -> "";
            case TRAP -> "Trapped (" + stop.trap().getMessage() + "), ";
        };
        out.println(why + top.where());
        showLine(top.source(), "  ");
        out.println("  0x" + Integer.toHexString(top.byteOffset()) + ": " + DebugText.instruction(top));
    }

    /** Runs one command line. */
    private After execute(String line) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) return After.STAY;
        List<String> words = Arrays.asList(trimmed.split("\\s+"));
        String cmd = words.get(0);
        List<String> args = words.subList(1, words.size());
        try {
            switch (cmd) {
                case "help", "h", "?" -> out.println(HELP);
                case "break", "b" -> breakpoint(args);
                case "delete", "d" -> delete(args);
                case "breakpoints", "info" -> listBreakpoints();
                case "run", "r", "call" -> {
                    if (stopped) throw new IllegalArgumentException("the program is running: continue, or kill it first");
                    program.run(this, args);
                }
                case "answer", "a" -> {
                    if (stopped) throw new IllegalArgumentException("the program is running: continue, or kill it first");
                    program.answer(this, trimmed.substring(cmd.length()).strip());
                }
                case "step", "s" -> {
                    return resume(() -> debugger.stepLine());
                }
                case "next", "n" -> {
                    return resume(() -> debugger.nextLine());
                }
                case "stepi", "si" -> {
                    return resume(() -> debugger.stepInto());
                }
                case "nexti", "ni" -> {
                    return resume(() -> debugger.stepOver());
                }
                case "finish" -> {
                    return resume(() -> debugger.stepOut());
                }
                case "continue", "c", "cont" -> {
                    return resume(() -> debugger.resume());
                }
                case "bt", "backtrace", "where" -> backtrace();
                case "frame", "f" -> selectFrame(args.isEmpty() ? frame : parseInt(args.get(0)));
                case "up" -> selectFrame(frame + 1);
                case "down" -> selectFrame(frame - 1);
                case "locals" -> locals();
                case "stack" -> stack();
                case "globals" -> globals();
                case "x" -> examine(args);
                case "disas", "disassemble" -> disassemble(args);
                case "list", "l" -> list(args);
                case "trace" -> trace(args);
                case "kill", "k" -> {
                    if (!stopped) throw new IllegalArgumentException("the program is not running");
                    debugger.abort();
                }
                case "quit", "q", "exit" -> {
                    quit = true;
                    if (stopped) debugger.abort();
                }
                default -> throw new IllegalArgumentException("unknown command '" + cmd + "' (try help)");
            }
        } catch (IllegalArgumentException | IllegalStateException | dev.lia.wasm.Trap e) {
            out.println("error: " + e.getMessage());
        }
        return After.STAY;
    }

    private After resume(Runnable how) {
        if (!stopped) {
            out.println("error: the program is not running (run starts it)");
            return After.STAY;
        }
        how.run();
        return After.RESUME;
    }

    // ---------------------------------------------------------------- breakpoints

    private void breakpoint(List<String> args) {
        if (args.size() != 1) throw new IllegalArgumentException("break takes one location: FUNCTION, FUNCTION@OFFSET, OFFSET or FILE:LINE");
        String where = args.get(0);
        Breakpoint b;
        int colon = where.lastIndexOf(':');
        int at = where.indexOf('@');
        if (colon > 0 && isNumber(where.substring(colon + 1))) {
            b = debugger.breakAtLine(where.substring(0, colon), parseInt(where.substring(colon + 1)));
        } else if (at > 0) {
            b = debugger.breakAt(where.substring(0, at), parseInt(where.substring(at + 1)));
        } else if (isNumber(where)) {
            b = debugger.breakAtOffset(parseInt(where));
        } else {
            b = debugger.breakAt(where);
        }
        out.println("Breakpoint " + b.id() + " at " + b.description() + describeLocations(b));
    }

    /** Where a breakpoint stops, beyond what its description says: ": sum_squares @0xd7" or " (demo.c:15)". */
    private String describeLocations(Breakpoint b) {
        boolean byLine = b.description().contains(":");
        List<String> parts = new ArrayList<>();
        for (Breakpoint.Location l : b.locations()) {
            String s = info.functionName(l.functionIndex()) + " @0x" + Integer.toHexString(l.byteOffset());
            SourceLocation src = info.source(l.byteOffset());
            String line = !byLine && src != null ? " (" + src.shortText() + ")" : "";
            if (b.locations().size() == 1 && s.equals(b.description())) return line;
            parts.add(s + line);
        }
        return ": " + String.join(", ", parts);
    }

    private void delete(List<String> args) {
        if (args.isEmpty()) {
            for (Breakpoint b : debugger.breakpoints()) debugger.remove(b);
            out.println("Deleted all breakpoints");
            return;
        }
        int id = parseInt(args.get(0));
        Breakpoint b = debugger.breakpoints().stream().filter(x -> x.id() == id).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no breakpoint " + id));
        debugger.remove(b);
        out.println("Deleted breakpoint " + id);
    }

    private void listBreakpoints() {
        if (debugger.breakpoints().isEmpty()) {
            out.println("No breakpoints");
            return;
        }
        for (Breakpoint b : debugger.breakpoints()) {
            out.println(b.id() + "  " + b.description() + describeLocations(b) + "  (hit " + b.hits() + (b.hits() == 1 ? " time)" : " times)"));
        }
    }

    // ---------------------------------------------------------------- inspection

    /** The frames where the program stopped, or, not stopped, where it is suspended (a script blocked in a wasm import). */
    private List<FrameView> frames() {
        if (stopped) return debugger.stop().frames();
        List<FrameView> suspended;
        try {
            suspended = debugger.backtrace();
        } catch (RuntimeException idle) { // no activation: nothing is suspended
            suspended = List.of();
        }
        if (suspended.isEmpty()) throw new IllegalArgumentException("the program is not running");
        return suspended;
    }

    private FrameView selected() {
        return frames().get(frame);
    }

    private void backtrace() {
        List<FrameView> frames = frames();
        for (FrameView f : frames) {
            out.println((f.level() == frame ? "=>" : "  ") + "#" + f.level() + "  " + f.where() + ": " + DebugText.instruction(f));
        }
    }

    private void selectFrame(int n) {
        List<FrameView> frames = frames();
        if (n < 0 || n >= frames.size()) throw new IllegalArgumentException("no frame " + n + " (frames 0 to " + (frames.size() - 1) + ")");
        frame = n;
        FrameView f = frames.get(n);
        out.println("#" + n + "  " + f.where() + ": " + DebugText.instruction(f));
        showLine(f.source(), "  ");
    }

    private void locals() {
        FrameView f = selected();
        if (f.locals().isEmpty()) out.println("No locals");
        for (Variable v : f.locals()) {
            out.println("  [" + v.index() + "] " + (v.name() != null ? "$" + v.name() + ": " : "") + typeText(v.value()) + " = " + DebugText.value(v.value()));
        }
    }

    private void stack() {
        FrameView f = selected();
        if (f.stack().isEmpty()) out.println("The operand stack is empty");
        for (int i = 0; i < f.stack().size(); i++) {
            DebugValue v = f.stack().get(i);
            out.println("  [" + i + "] " + typeText(v) + " = " + DebugText.value(v));
        }
    }

    private static String typeText(DebugValue v) {
        return v.type() == null ? "?" : v.type().text;
    }

    private void globals() {
        List<DebugValue> globals = debugger.globals();
        if (globals.isEmpty()) out.println("No globals");
        for (int i = 0; i < globals.size(); i++) out.println("  [" + i + "] " + typeText(globals.get(i)) + " = " + DebugText.value(globals.get(i)));
    }

    private void examine(List<String> args) {
        if (args.isEmpty() || args.size() > 2) throw new IllegalArgumentException("x takes ADDR [LEN]");
        long address = parseLong(args.get(0)) & 0xFFFFFFFFL;
        int length = args.size() > 1 ? parseInt(args.get(1)) : 64;
        if (length < 0 || length > 1 << 20) throw new IllegalArgumentException("length must be 0 to 1048576");
        byte[] bytes = debugger.readMemory(address, length);
        for (int i = 0; i < bytes.length; i += 16) {
            StringBuilder hex = new StringBuilder();
            StringBuilder text = new StringBuilder();
            for (int k = i; k < i + 16; k++) {
                if (k < bytes.length) {
                    hex.append(String.format("%02x ", bytes[k] & 0xFF));
                    char c = (char) (bytes[k] & 0xFF);
                    text.append(c >= 0x20 && c < 0x7F ? c : '.');
                } else {
                    hex.append("   ");
                }
                if (k == i + 7) hex.append(' ');
            }
            out.println(String.format("0x%08x  %s %s", address + i, hex, text).stripTrailing());
        }
    }

    private void disassemble(List<String> args) {
        int function;
        if (!args.isEmpty()) {
            function = info.functionIndex(args.get(0));
            if (function < 0) throw new IllegalArgumentException("no function " + args.get(0));
        } else if (stopped) {
            function = selected().functionIndex();
        } else {
            throw new IllegalArgumentException("disas takes a function when the program is not running");
        }
        if (!info.isDefined(function)) throw new IllegalArgumentException(info.functionName(function) + " is imported: it has no code");
        int current = stopped && selected().functionIndex() == function ? selected().byteOffset() : -1;
        java.util.Set<Integer> breaks = new java.util.HashSet<>();
        for (Breakpoint b : debugger.breakpoints()) {
            for (Breakpoint.Location l : b.locations()) if (l.functionIndex() == function) breaks.add(l.byteOffset());
        }
        out.println("func[" + function + "] " + info.functionName(function) + signature(info.functionType(function)) + ":");
        int depth = 1;
        SourceLocation lastLine = null;
        for (Instruction in : info.instructions(function)) {
            if (in.op == Opcode.END || in.op == Opcode.ELSE) depth = Math.max(1, depth - 1);
            SourceLocation src = info.source(in.offset);
            if (src != null && (lastLine == null || (src.line() != lastLine.line() || !src.file().equals(lastLine.file()))
                    && info.sources().isStatementStart(in.offset))) {
                out.println("        ; " + src.shortText() + sourceText(src).map(t -> "  " + t.strip()).orElse(""));
                lastLine = src;
            }
            String marks = (breaks.contains(in.offset) ? "*" : " ") + (in.offset == current ? "=>" : "  ");
            out.println(String.format("%s %6s  %s%s", marks, "0x" + Integer.toHexString(in.offset), "  ".repeat(depth - 1),
                    DebugText.instruction(info.module(), function, in)));
            if (in.op.opensBlock() || in.op == Opcode.ELSE) depth++;
        }
    }

    private static String signature(FuncType t) {
        StringBuilder sb = new StringBuilder();
        if (!t.params().isEmpty()) sb.append(" (param ").append(t.params().stream().map(v -> v.text).collect(Collectors.joining(" "))).append(')');
        if (!t.results().isEmpty()) sb.append(" (result ").append(t.results().stream().map(v -> v.text).collect(Collectors.joining(" "))).append(')');
        return sb.toString();
    }

    private void list(List<String> args) {
        SourceLocation around;
        if (args.isEmpty()) {
            if (!stopped) throw new IllegalArgumentException("list takes FILE:LINE or FUNCTION when the program is not running");
            around = selected().source();
            if (around == null) throw new IllegalArgumentException("no source line here");
        } else {
            String a = args.get(0);
            int colon = a.lastIndexOf(':');
            if (colon > 0 && isNumber(a.substring(colon + 1))) {
                around = new SourceLocation(a.substring(0, colon), parseInt(a.substring(colon + 1)), 0);
            } else {
                int f = info.functionIndex(a);
                if (f < 0 || !info.isDefined(f)) throw new IllegalArgumentException("no function " + a + " with code");
                around = info.instructions(f).stream().map(in -> info.source(in.offset)).filter(s -> s != null).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("no source lines for " + a));
            }
        }
        List<String> lines = sourceLines(around.file());
        if (lines == null) throw new IllegalArgumentException("source file " + around.file() + " not found (--source-dir DIR tells where)");
        int from = Math.max(1, around.line() - 5);
        int to = Math.min(lines.size(), around.line() + 5);
        int current = stopped && selected().source() != null && selected().source().file().equals(around.file()) ? selected().source().line() : -1;
        for (int l = from; l <= to; l++) {
            out.println((l == current ? "=>" : "  ") + String.format("%4d | ", l) + lines.get(l - 1).stripTrailing());
        }
    }

    private void showLine(SourceLocation src, String indent) {
        if (src == null) return;
        sourceText(src).ifPresent(t -> out.println(indent + String.format("%d | ", src.line()) + t.stripTrailing()));
    }

    private java.util.Optional<String> sourceText(SourceLocation src) {
        List<String> lines = sourceLines(src.file());
        if (lines == null || src.line() < 1 || src.line() > lines.size()) return java.util.Optional.empty();
        return java.util.Optional.of(lines.get(src.line() - 1));
    }

    /** A source file's lines, looked for as named, then in each source directory (by path, then by name). */
    private List<String> sourceLines(String file) {
        if (sources.containsKey(file)) return sources.get(file);
        List<Path> candidates = new ArrayList<>();
        candidates.add(Path.of(file));
        for (Path dir : sourceDirs) {
            candidates.add(dir.resolve(file.startsWith("/") ? file.substring(1) : file));
            candidates.add(dir.resolve(Path.of(file).getFileName().toString()));
        }
        List<String> lines = null;
        for (Path p : candidates) {
            try {
                if (Files.isRegularFile(p)) {
                    lines = Arrays.asList(new String(Files.readAllBytes(p), StandardCharsets.UTF_8).split("\r?\n", -1));
                    break;
                }
            } catch (IOException | java.nio.file.InvalidPathException e) {
                // try the next place
            }
        }
        sources.put(file, lines);
        return lines;
    }

    private void trace(List<String> args) {
        if (args.size() != 1 || !(args.get(0).equals("on") || args.get(0).equals("off"))) {
            throw new IllegalArgumentException("trace takes on or off");
        }
        if (args.get(0).equals("off")) {
            debugger.setTracer(null);
            out.println("Tracing off");
            return;
        }
        debugger.setTracer(e -> out.println("  trace " + "  ".repeat(Math.min(e.depth() - 1, 20)) + e.function().name() + " @0x"
                + Integer.toHexString(e.byteOffset()) + ": "
                + DebugText.instruction(info.module(), e.function().index(), info.instructionAt(e.function().index(), e.byteOffset()))));
        out.println("Tracing on");
    }

    // ---------------------------------------------------------------- numbers

    private static boolean isNumber(String s) {
        return s.matches("(0[xX][0-9a-fA-F]+|[0-9]+)");
    }

    static int parseInt(String s) {
        long v = parseLong(s);
        if (v < Integer.MIN_VALUE || v > 0xFFFFFFFFL) throw new IllegalArgumentException("number out of range: " + s);
        return (int) v;
    }

    static long parseLong(String s) {
        try {
            String t = s.replace("_", "");
            if (t.startsWith("0x") || t.startsWith("0X")) return Long.parseLong(t.substring(2), 16);
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: " + s);
        }
    }

    /** A run ended by {@code kill}, {@code quit} or the end of the input while stopped. */
    static boolean aborted(Throwable t) {
        return t instanceof DebugAbort;
    }
}
