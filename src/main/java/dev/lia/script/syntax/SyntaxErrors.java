package dev.lia.script.syntax;

import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Stops the parser at its first error, which becomes one {@link Diagnostic} naming the offending
 * text and what was expected. No recovery: a script with a syntax error is never half-parsed.
 */
final class SyntaxErrors extends DefaultErrorStrategy {

    /** Thrown out of the parser to stop it. */
    static final class Stop extends RuntimeException {
        final Diagnostic diagnostic;

        Stop(Diagnostic diagnostic) {
            super(diagnostic.message(), null, false, false);
            this.diagnostic = diagnostic;
        }
    }


    @Override
    public void reportError(Parser recognizer, RecognitionException e) {
        throw new Stop(describe(recognizer, e.getOffendingToken() != null ? e.getOffendingToken() : recognizer.getCurrentToken(),
                recognizer.getExpectedTokens()));
    }

    @Override
    public Token recoverInline(Parser recognizer) {
        throw new InputMismatchException(recognizer);
    }

    @Override
    public void recover(Parser recognizer, RecognitionException e) {
        throw new Stop(describe(recognizer, recognizer.getCurrentToken(), recognizer.getExpectedTokens()));
    }

    @Override
    public void sync(Parser recognizer) {
        // no resynchronization: the first error ends the parse
    }

    /** The words that start statements, for "did you mean" after a misspelt one. */
    private static final List<String> STATEMENT_WORDS = List.of("return", "while", "for", "if", "else", "break", "continue",
            "assert", "fail", "import", "on");

    /**
     * "unexpected X; expected Y or Z" at the offending token, with a hint when one helps: a reserved
     * word used as a name, a misspelt statement word, a {@code {} that is never closed.
     */
    static Diagnostic describe(Parser parser, Token offending, IntervalSet expected) {
        String message = "unexpected " + tokenText(offending) + "; expected " + expectedText(parser, expected);
        List<Token> tokens = tokens(parser, offending);
        if (offending.getType() == Token.EOF) {
            Token open = unclosedBrace(tokens);
            if (open != null) {
                return new Diagnostic(position(open), "this '{' is never closed: the script ends before its '}'");
            }
        }
        if (isKeyword(parser, offending) && isAssignedTo(parser, offending)) {
            message += " ('" + offending.getText() + "' is a reserved word and cannot be a name)";
        }
        Token previous = preceding(tokens, offending);
        if (previous != null && previous.getType() == LiaParser.IDENT && startsLine(tokens, previous)) {
            String hint = suggestion(previous.getText());
            if (hint != null) return new Diagnostic(position(previous), "unknown statement '" + previous.getText() + "' (did you mean '" + hint + "'?); " + message);
        }
        return new Diagnostic(position(offending), message);
    }

    /** The tokens read so far, up to and including {@code offending} (empty when the stream keeps none). */
    private static List<Token> tokens(Parser parser, Token offending) {
        if (!(parser.getInputStream() instanceof org.antlr.v4.runtime.BufferedTokenStream b) || offending.getTokenIndex() < 0) return List.of();
        List<Token> all = b.get(0, offending.getTokenIndex());
        return all == null ? List.of() : all;
    }

    /** Whether the token after {@code t} is '=': {@code t} stands where a name is assigned ({@code in = 5}). */
    private static boolean isAssignedTo(Parser parser, Token t) {
        if (!(parser.getInputStream() instanceof org.antlr.v4.runtime.BufferedTokenStream b) || t.getTokenIndex() < 0) return false;
        for (int i = t.getTokenIndex() + 1; i < b.size(); i++) {
            Token n = b.get(i);
            if (n.getChannel() != Token.DEFAULT_CHANNEL) continue;
            return "=".equals(n.getText());
        }
        return false;
    }

    /** The innermost '{' without its '}' among the tokens, or null. */
    private static Token unclosedBrace(List<Token> tokens) {
        java.util.ArrayDeque<Token> open = new java.util.ArrayDeque<>();
        for (Token t : tokens) {
            if ("{".equals(t.getText())) open.push(t);
            else if ("}".equals(t.getText()) && !open.isEmpty()) open.pop();
        }
        return open.peek();
    }

    private static Token preceding(List<Token> tokens, Token t) {
        for (int i = tokens.size() - 1; i >= 0; i--) {
            if (tokens.get(i).getTokenIndex() < t.getTokenIndex() && tokens.get(i).getChannel() == Token.DEFAULT_CHANNEL) return tokens.get(i);
        }
        return null;
    }

    /** Whether {@code t} is the first token of its line (a statement's start). */
    private static boolean startsLine(List<Token> tokens, Token t) {
        Token before = preceding(tokens, t);
        return before == null || before.getType() == LiaParser.NL || before.getLine() < t.getLine() || "{".equals(before.getText())
                || ";".equals(before.getText());
    }

    /** The statement word a misspelt name is closest to (at most two edits), or null. */
    private static String suggestion(String name) {
        String best = Spelling.closest(name, STATEMENT_WORDS);
        return name.equals(best) ? null : best;
    }

    /** Whether a token is one of the language's words ('in', 'while', 'i32'...), which cannot be names. */
    private static boolean isKeyword(Parser parser, Token t) {
        String literal = parser.getVocabulary().getLiteralName(t.getType());
        return literal != null && t.getText() != null && t.getText().matches("[A-Za-z_][A-Za-z_0-9]*");
    }

    static Pos position(Token t) {
        int len = t.getType() == Token.EOF || t.getText() == null ? 1 : Math.max(1, t.getText().length());
        return new Pos(t.getLine(), t.getCharPositionInLine() + 1, len);
    }

    static String tokenText(Token t) {
        if (t.getType() == Token.EOF) return "end of script";
        if (t.getType() == LiaParser.NL) return "end of line";
        return "'" + t.getText() + "'";
    }

    static String expectedText(Parser parser, IntervalSet expected) {
        Set<Integer> types = new LinkedHashSet<>(expected.toList());
        List<String> words = new ArrayList<>();
        if (types.contains(LiaParser.INT) && types.contains(LiaParser.IDENT) && types.contains(LiaParser.LPAREN)) {
            boolean statement = types.contains(literal(parser, "while"));
            types.removeIf(t -> isExpressionStart(parser, t) || (statement && isStatementStart(parser, t)));
            words.add(statement ? "a statement" : "an expression");
        }
        if (types.contains(literal(parser, "+")) && types.contains(literal(parser, "*"))) {
            types.removeIf(t -> isOperator(parser, t));
            words.add("an operator");
        }
        if (types.contains(literal(parser, "i32")) && types.contains(literal(parser, "octs"))) {
            types.removeIf(t -> isType(parser, t));
            words.add("a type");
        }
        for (int t : types) words.add(tokenName(parser, t));
        if (words.isEmpty()) return "something else";
        if (words.size() > 8) words = new ArrayList<>(words.subList(0, 8));
        if (words.size() == 1) return words.get(0);
        return String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
    }

    static String tokenName(Parser parser, int type) {
        return switch (type) {
            case Token.EOF -> "end of script";
            case LiaParser.NL -> "end of line";
            case LiaParser.IDENT -> "a name";
            case LiaParser.QUOTED -> "a `quoted name`";
            case LiaParser.INT -> "an integer";
            case LiaParser.FLOAT -> "a float";
            case LiaParser.STRING -> "a string";
            case LiaParser.HEXSTRING -> "a hex string";
            default -> parser.getVocabulary().getDisplayName(type);
        };
    }

    private static int literal(Parser parser, String text) {
        String quoted = "'" + text + "'";
        for (int t = 1; t <= parser.getVocabulary().getMaxTokenType(); t++) {
            if (quoted.equals(parser.getVocabulary().getLiteralName(t))) return t;
        }
        return -1;
    }

    private static String literalOf(Parser parser, int t) {
        String s = parser.getVocabulary().getLiteralName(t);
        return s == null ? "" : s.substring(1, s.length() - 1);
    }

    private static boolean isExpressionStart(Parser parser, int t) {
        if (t == LiaParser.INT || t == LiaParser.FLOAT || t == LiaParser.STRING || t == LiaParser.HEXSTRING
                || t == LiaParser.IDENT || t == LiaParser.QUOTED || t == LiaParser.LPAREN) return true;
        return Set.of("-", "!", "~", "ext", "instantiate", "memory", "table", "global", "u32", "u64",
                "i8x16", "i16x8", "i32x4", "i64x2", "f32x4", "f64x2").contains(literalOf(parser, t)) || isType(parser, t);
    }

    private static boolean isStatementStart(Parser parser, int t) {
        return Set.of("if", "while", "for", "break", "continue", "return", "assert", "fail", "{", "import", "on")
                .contains(literalOf(parser, t));
    }

    private static boolean isType(Parser parser, int t) {
        return Set.of("i32", "i64", "f32", "f64", "v128", "octs").contains(literalOf(parser, t));
    }

    private static boolean isOperator(Parser parser, int t) {
        if (t == LiaParser.DIVU || t == LiaParser.REMU || t == LiaParser.SHRU || t == LiaParser.LTU
                || t == LiaParser.LEU || t == LiaParser.GTU || t == LiaParser.GEU || t == LiaParser.LBRACK) return true;
        return Set.of("*", "/", "%", "+", "-", "++", "<<", ">>", "&", "^", "|", "==", "!=", "<", "<=", ">", ">=",
                "&&", "||", ".").contains(literalOf(parser, t));
    }
}
