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
 * {@link TextFormatException}s located in the {@link Source}; ANTLR itself prints nothing.
 */
public final class SExprReader {
    private SExprReader() {}

    /** The top-level s-expressions of a text. */
    public static List<SExpr> read(Source source) {
        try {
            WatLexer lexer = new WatLexer(CharStreams.fromString(source.text(), source.name()));
            lexer.removeErrorListeners();
            lexer.addErrorListener(THROWING);
            CommonTokenStream tokens = new CommonTokenStream(lexer);
            tokens.fill();
            checkNesting(tokens);
            WatParser parser = new WatParser(tokens);
            parser.removeErrorListeners();
            parser.addErrorListener(THROWING);
            parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
            WatParser.SexprsContext tree = parser.sexprs();
            List<SExpr> out = new ArrayList<>(tree.item().size());
            for (WatParser.ItemContext item : tree.item()) out.add(convert(item));
            return out;
        } catch (TextFormatException e) {
            throw source.locate(e);
        } catch (StackOverflowError e) {
            // a backstop: the nesting limit keeps the reader itself well within any thread's stack
            throw source.locate(new TextFormatException("nesting too deep", -1));
        }
    }

    /**
     * Parentheses may nest at most this deep. The reader, the module builder and the folded-instruction
     * parser recurse once per level, so a hostile text could otherwise overflow the thread's stack.
     */
    public static final int MAX_NESTING = 1000;

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

    private static SExpr convert(WatParser.ItemContext item) {
        if (item.list() != null) {
            WatParser.ListContext list = item.list();
            List<SExpr> items = new ArrayList<>(list.item().size());
            for (WatParser.ItemContext i : list.item()) items.add(convert(i));
            return new SExpr.SList(items, list.LPAR().getSymbol().getStartIndex(), list.RPAR().getSymbol().getStartIndex());
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
        return new SExpr.Atom(kind, token.getText(), token.getStartIndex());
    }

    private static final BaseErrorListener THROWING = new BaseErrorListener() {
        @Override
        public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int column,
                                String msg, RecognitionException e) {
            if (offendingSymbol instanceof Token t) {
                if (t.getType() == Token.EOF) throw new TextFormatException("unexpected token: end of input, missing \")\"", t.getStartIndex());
                if (t.getType() == WatLexer.ERROR_CHAR) throw new TextFormatException("malformed operator", t.getStartIndex());
                throw new TextFormatException("unexpected token", t.getStartIndex());
            }
            throw new TextFormatException("unexpected token", -1);
        }
    };
}
