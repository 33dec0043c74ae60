package dev.lia.script.syntax;

import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Token;

import java.util.List;

/**
 * Text to AST. The first syntax error ends parsing; errors in literals (bad escapes, odd hex
 * strings, out-of-range numbers) are all collected. Either way a {@link CompileException} is thrown
 * and nothing is returned, so no half-parsed script can run.
 */
public final class ScriptParser {
    private ScriptParser() {}

    public static Script parse(Source source) {
        LiaLexer lexer = new LiaLexer(CharStreams.fromString(source.text(), source.name()));
        lexer.removeErrorListeners();
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        tokens.fill();
        for (Token t : tokens.getTokens()) {
            if (t.getType() == LiaLexer.BAD_CHAR) {
                fail(source, new Diagnostic(SyntaxErrors.position(t), "unexpected character '" + t.getText() + "'"));
            }
            if (t.getType() == LiaLexer.UNTERMINATED_STRING) {
                fail(source, new Diagnostic(SyntaxErrors.position(t), "unterminated string; expected a closing '\"' before the end of the line"));
            }
        }
        LiaParser parser = new LiaParser(tokens);
        parser.removeErrorListeners();
        parser.setErrorHandler(new SyntaxErrors());
        try {
            LiaParser.ScriptContext tree;
            try {
                tree = parser.script();
            } catch (SyntaxErrors.Stop stop) {
                throw new CompileException(source, List.of(stop.diagnostic));
            }
            return new AstBuilder(source).build(tree);
        } catch (StackOverflowError e) {
            throw tooDeep(source);
        }
    }

    /**
     * Parsing, checking and compiling recurse once per level of nested expressions and blocks: a
     * script nested beyond what the thread's stack holds is refused with this error, never a
     * {@link StackOverflowError}.
     */
    public static CompileException tooDeep(Source source) {
        return new CompileException(source, List.of(new Diagnostic(new Pos(1, 1, 0),
                "the script nests expressions or blocks too deeply")));
    }

    private static void fail(Source source, Diagnostic d) {
        throw new CompileException(source, List.of(d));
    }
}
