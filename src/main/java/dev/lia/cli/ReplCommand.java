package dev.lia.cli;

import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.EOFError;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code lia repl [MODULE]}: spec script commands read and run interactively. On a terminal it uses
 * JLine (line editing, history in {@code ~/.lia_history}, multi-line input while brackets are open,
 * tab completion of keywords and export names);
 * otherwise it reads standard input line by line, entries likewise spanning lines until their
 * brackets close, and prints no prompts.
 */
@Command(name = "repl",
        mixinStandardHelpOptions = true,
        description = {"Lia entries and spec script commands, read and run one at a time against the current module.",
                "Lia: x = add(1, 2), then x prints 3 : i32; variables stay from entry to entry, blocks span lines.",
                "Spec script commands: (module ...), (invoke \"f\" (i32.const 1)), (get \"g\"), (register \"name\"), "
                        + "(assert_return ...).",
                "Handlers (on env.random() -> f64 { ... }) stay for later entries. .input NAME=VALUE gives a later import T NAME "
                        + "its value; an entry that blocks on a request waits for .answer VALUE... (or .drop); .help lists these.",
                "Results are printed as VALUE : TYPE; errors are printed and the session goes on.",
                "An entry may span lines while brackets are open. MODULE (.wasm or .wat) is loaded first."},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  the session ended (end of input)", "  2  MODULE could not be read"})
final class ReplCommand implements Callable<Integer> {
    static final String PROMPT = "lia> ";
    static final String CONTINUATION = "...> ";

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "MODULE", description = "a module to start with (.wasm or .wat)")
    Path module;


    @picocli.CommandLine.Mixin
    TierOption tierOption = new TierOption();
    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Repl session = new Repl(out, err);
        session.statements(new ReplStatements());
        if (module != null) {
            byte[] bytes = ModuleFiles.read(module, "lia repl");
            session.load(ModuleFiles.decode(module, bytes), module.getFileName().toString());
        }
        if (System.console() != null) interactive(session);
        else piped(session);
        return Main.OK;
    }

    /** Standard input that is not a terminal: entries are read until their brackets close. */
    private static void piped(Repl session) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        StringBuilder entry = new StringBuilder();
        for (String line; (line = in.readLine()) != null; ) {
            entry.append(line).append('\n');
            if (ReplInput.complete(entry.toString())) {
                session.eval(entry.toString());
                entry.setLength(0);
            }
        }
        if (!entry.toString().isBlank()) session.eval(entry.toString());
    }

    private static void interactive(Repl session) throws IOException {
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            LineReader reader = LineReaderBuilder.builder()
                    .terminal(terminal)
                    .appName("lia")
                    .parser(new BracketParser())
                    .completer(completer(session))
                    .variable(LineReader.HISTORY_FILE, Path.of(System.getProperty("user.home"), ".lia_history"))
                    .variable(LineReader.SECONDARY_PROMPT_PATTERN, CONTINUATION)
                    .build();
            terminal.writer().println("lia repl: Lia (x = add(1, 2)) or spec script commands ((invoke \"f\" (i32.const 1))); "
                    + ".help lists the dot commands. Ctrl-D ends.");
            while (true) {
                String line;
                try {
                    line = reader.readLine(PROMPT);
                } catch (UserInterruptException e) {
                    continue; // Ctrl-C drops the entry
                } catch (EndOfFileException e) {
                    return;
                }
                session.eval(line);
            }
        }
    }

    private static final String[] WORDS = {"module", "register", "invoke", "get", "assert_return", "assert_trap",
            "assert_exhaustion", "assert_malformed", "assert_invalid", "assert_unlinkable", "assert_uninstantiable",
            "i32.const", "i64.const", "f32.const", "f64.const", "ref.null", "ref.extern", "func", "extern", "quote", "binary",
            "import", "return", "while", "for", "in", "if", "else", "break", "continue", "assert", "fail", "ext", "instantiate",
            "memory.read", "memory.write", "memory.size", "memory.grow", "global.", ".input", ".answer", ".drop", ".help"};

    /** Tab completes the script and Lia keywords, the dot commands and the current module's export names (quoted, and bare for Lia). */
    private static Completer completer(Repl session) {
        return (reader, line, candidates) -> {
            for (String w : WORDS) candidates.add(new Candidate(w));
            if (session.current() != null) {
                for (String name : session.current().exports().keySet()) {
                    candidates.add(new Candidate("\"" + name + "\"", name, "exports", null, null, null, true));
                    candidates.add(new Candidate(name, name, "exports", null, null, null, true));
                }
            }
        };
    }

    /** Asks JLine for more lines while brackets are open. */
    static final class BracketParser implements Parser {
        /** Words end at white space and parentheses; quotes are part of words (export names are completed quoted). */
        private final DefaultParser words = new DefaultParser() {
            @Override
            public boolean isDelimiterChar(CharSequence buffer, int pos) {
                char c = buffer.charAt(pos);
                return c == '(' || c == ')' || Character.isWhitespace(c);
            }
        };

        BracketParser() {
            words.setQuoteChars(new char[0]);
            words.setEscapeChars(new char[0]);
        }

        @Override
        public ParsedLine parse(String line, int cursor, ParseContext context) {
            if (context == ParseContext.ACCEPT_LINE && ReplInput.openBrackets(line) > 0) {
                throw new EOFError(-1, -1, "open brackets", ")");
            }
            return words.parse(line, cursor, context);
        }
    }
}
