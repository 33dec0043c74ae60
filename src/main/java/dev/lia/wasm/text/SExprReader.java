package dev.lia.wasm.text;

import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.tree.TerminalNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a text into s-expressions with the ANTLR grammar {@code grammar/Wat.g4}. Errors come as
 * {@link TextFormatException}s located in the {@link TextSource}; ANTLR itself prints nothing.
 */
public final class SExprReader {
    private SExprReader() {}

    /**
     * What reading a text gives: its top-level s-expressions, and the first unbalanced parenthesis (a
     * stray ")" or a list still open at the end), which is an error only if nothing before it is.
     */
    public record Result(List<SExpr> items, TextFormatException unbalanced) {
        /** The error to report: {@code e}, or the unbalanced parenthesis if that comes first. */
        public TextFormatException first(TextFormatException e) {
            if (unbalanced == null) return e;
            if (e.position() < 0 || e.position() > unbalanced.position()) return unbalanced;
            return e;
        }
    }

    /** The top-level s-expressions of a text; an unbalanced parenthesis is an error right away. */
    public static List<SExpr> read(TextSource source) {
        Result r = readLenient(source);
        if (r.unbalanced != null) throw r.unbalanced;
        return r.items;
    }

    /** The top-level s-expressions of a text, with unbalanced parentheses left for the caller to report. */
    public static Result readLenient(TextSource source) {
        try {
            WatLexer lexer = new WatLexer(CharStreams.fromString(source.text(), source.name()));
            lexer.removeErrorListeners();
            lexer.addErrorListener(new Throwing(null));
            CommonTokenStream tokens = new CommonTokenStream(lexer);
            tokens.fill();
            checkNesting(tokens);
            Token unclosed = null;
            for (Token t : tokens.getTokens()) {
                if (t.getType() == WatLexer.UNCLOSED_STRING) {
                    unclosed = t;
                    break;
                }
            }
            WatParser parser = new WatParser(tokens);
            parser.removeErrorListeners();
            parser.addErrorListener(new Throwing(unclosed));
            parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
            WatParser.SexprsContext tree = parser.sexprs();
            List<SExpr> out = new ArrayList<>(tree.item().size());
            int[] unbalanced = {Integer.MAX_VALUE};
            for (int i = 0; i < tree.getChildCount(); i++) {
                var child = tree.getChild(i);
                if (child instanceof WatParser.ItemContext item) {
                    out.add(convert(item, unbalanced, source.length()));
                } else if (child instanceof TerminalNode t && t.getSymbol().getType() == WatLexer.RPAR) {
                    unbalanced[0] = Math.min(unbalanced[0], t.getSymbol().getStartIndex());
                }
            }
            TextFormatException error = null;
            if (unbalanced[0] != Integer.MAX_VALUE) {
                int pos = unbalanced[0];
                error = source.locate(pos >= source.length()
                        ? new TextFormatException("unexpected token: end of input, missing \")\"", pos)
                        : new TextFormatException("unexpected token )", pos));
            }
            return new Result(out, error);
        } catch (TextFormatException e) {
            throw source.locate(e);
        }
    }

    /**
     * Parentheses may nest at most this deep, checked on the tokens before anything recurses. Below the
     * cap, a text nested deeper than the caller's stack holds is read again on a large stack
     * ({@link DeepNesting}); the cap bounds how much stack a hostile text can make that take.
     */
    public static final int MAX_NESTING = 100_000;

    private static void checkNesting(CommonTokenStream tokens) {
        int depth = 0;
        for (Token t : tokens.getTokens()) {
            if (t.getType() == WatLexer.LPAR && ++depth > MAX_NESTING) {
                throw new TextFormatException("nesting too deep: more than " + MAX_NESTING + " levels of parentheses", t.getStartIndex());
            } else if (t.getType() == WatLexer.RPAR) {
                depth--;
            }
        }
    }

    private static SExpr convert(WatParser.ItemContext item, int[] unbalanced, int eof) {
        if (item.list() != null) {
            WatParser.ListContext list = item.list();
            List<SExpr> items = new ArrayList<>(list.item().size());
            for (WatParser.ItemContext i : list.item()) items.add(convert(i, unbalanced, eof));
            int end;
            if (list.RPAR() != null) {
                end = list.RPAR().getSymbol().getStartIndex();
            } else { // open at the end of input
                end = list.getStop() == null ? list.LPAR().getSymbol().getStartIndex() + 1 : list.getStop().getStopIndex() + 1;
                unbalanced[0] = Math.min(unbalanced[0], eof);
            }
            return new SExpr.SList(items, list.LPAR().getSymbol().getStartIndex(), end);
        }
        TerminalNode t = (TerminalNode) item.atom().getChild(0);
        Token token = t.getSymbol();
        if (token.getType() == WatLexer.UNCLOSED_STRING) throw new TextFormatException("unclosed string literal", token.getStartIndex());
        SExpr.Kind kind = switch (token.getType()) {
            case WatLexer.NAT -> SExpr.Kind.NAT;
            case WatLexer.INT -> SExpr.Kind.INT;
            case WatLexer.FLOAT -> SExpr.Kind.FLOAT;
            case WatLexer.STRING -> SExpr.Kind.STRING;
            case WatLexer.ID -> SExpr.Kind.ID;
            case WatLexer.KEYWORD -> SExpr.Kind.KEYWORD;
            default -> SExpr.Kind.RESERVED;
        };
        String text = token.getText();
        if (kind == SExpr.Kind.ID) {
            text = Identifiers.canonical(text, token.getStartIndex());
        } else if (kind == SExpr.Kind.RESERVED && text.equals("$")) { // "$" before space, a bad string, ...
            throw new TextFormatException("empty identifier", token.getStartIndex());
        }
        return new SExpr.Atom(kind, text, token.getStartIndex());
    }

    /** Turns ANTLR's syntax errors into {@link TextFormatException}s; an earlier unclosed string is reported instead. */
    private static final class Throwing extends BaseErrorListener {
        private final Token unclosed;

        Throwing(Token unclosed) {
            this.unclosed = unclosed;
        }

        @Override
        public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int column,
                                String msg, RecognitionException e) {
            if (offendingSymbol instanceof Token t) {
                if (unclosed != null && unclosed.getStartIndex() <= t.getStartIndex()) {
                    throw new TextFormatException("unclosed string literal", unclosed.getStartIndex());
                }
                if (t.getType() == Token.EOF) throw new TextFormatException("unexpected token: end of input, missing \")\"", t.getStartIndex());
                if (t.getType() == WatLexer.ERROR_CHAR) throw new TextFormatException("malformed operator", t.getStartIndex());
                throw new TextFormatException("unexpected token", t.getStartIndex());
            }
            throw new TextFormatException("unexpected token", -1);
        }
    }
}
