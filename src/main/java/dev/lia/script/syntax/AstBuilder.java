package dev.lia.script.syntax;

import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Turns ANTLR's parse tree into the AST, decoding literals; collects literal errors. */
final class AstBuilder {
    private static final BigInteger MAX_U64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private final Source source;
    private final List<Diagnostic> errors = new ArrayList<>();

    AstBuilder(Source source) {
        this.source = source;
    }

    Script build(LiaParser.ScriptContext ctx) {
        List<Stmt> body = new ArrayList<>();
        List<Script.Handler> handlers = new ArrayList<>();
        for (LiaParser.TopItemContext item : ctx.topItem()) {
            if (item.input() != null) {
                LiaParser.InputContext in = item.input();
                body.add(new Stmt.Input(pos(in), type(in.type()), in.IDENT().getText()));
            } else if (item.handler() != null) {
                handlers.add(handler(item.handler()));
            } else {
                body.add(stmt(item.stmt()));
            }
        }
        if (!errors.isEmpty()) throw new CompileException(source, errors);
        return new Script(source, body, handlers);
    }

    private Script.Handler handler(LiaParser.HandlerContext h) {
        List<Script.Param> params = new ArrayList<>();
        for (LiaParser.ParamContext p : h.param()) params.add(new Script.Param(pos(p), type(p.type()), p.IDENT().getText()));
        List<Type> results = new ArrayList<>();
        for (LiaParser.TypeContext t : h.type()) results.add(type(t));
        return new Script.Handler(pos(h.module), name(h.module), name(h.field), params, results, block(h.block()));
    }

    // ---------------------------------------------------------------- statements

    private Stmt.Block block(LiaParser.BlockContext ctx) {
        List<Stmt> stmts = new ArrayList<>();
        for (LiaParser.StmtContext s : ctx.stmt()) stmts.add(stmt(s));
        return new Stmt.Block(pos(ctx), stmts);
    }

    private Stmt stmt(LiaParser.StmtContext ctx) {
        Pos pos = pos(ctx);
        if (ctx instanceof LiaParser.IfSContext s) return ifStmt(s.ifStmt());
        if (ctx instanceof LiaParser.WhileSContext s) return new Stmt.While(pos, expr(s.expr()), block(s.block()));
        if (ctx instanceof LiaParser.ForSContext s) {
            return new Stmt.For(pos, pos(s.IDENT().getSymbol()), s.IDENT().getText(), expr(s.expr(0)), expr(s.expr(1)), block(s.block()));
        }
        if (ctx instanceof LiaParser.BreakSContext) return new Stmt.Break(pos);
        if (ctx instanceof LiaParser.ContinueSContext) return new Stmt.Continue(pos);
        if (ctx instanceof LiaParser.ReturnSContext s) return new Stmt.Return(pos, exprs(s.expr()));
        if (ctx instanceof LiaParser.AssertSContext s) {
            return new Stmt.Assert(pos, expr(s.expr(0)), s.expr().size() > 1 ? expr(s.expr(1)) : null);
        }
        if (ctx instanceof LiaParser.FailSContext s) return new Stmt.Fail(pos, expr(s.expr()));
        if (ctx instanceof LiaParser.BlockSContext s) return block(s.block());
        if (ctx instanceof LiaParser.AssignSContext s) {
            List<Stmt.Target> targets = new ArrayList<>();
            for (LiaParser.TargetContext t : s.target()) {
                if (t instanceof LiaParser.VarTargetContext v) {
                    targets.add(new Stmt.VarTarget(pos(v), v.type() == null ? null : type(v.type()), v.IDENT().getText()));
                } else {
                    LiaParser.GlobalTargetContext g = (LiaParser.GlobalTargetContext) t;
                    targets.add(new Stmt.GlobalTarget(pos(g), name(g.name())));
                }
            }
            return new Stmt.Assign(pos, targets, expr(s.expr()));
        }
        return new Stmt.Eval(pos, expr(((LiaParser.ExprSContext) ctx).expr()));
    }

    private Stmt.If ifStmt(LiaParser.IfStmtContext ctx) {
        Stmt otherwise = null;
        if (ctx.ifStmt() != null) otherwise = ifStmt(ctx.ifStmt());
        else if (ctx.block().size() > 1) otherwise = block(ctx.block(1));
        return new Stmt.If(pos(ctx), expr(ctx.expr()), block(ctx.block(0)), otherwise);
    }

    // ---------------------------------------------------------------- expressions

    private List<Expr> exprs(List<LiaParser.ExprContext> list) {
        List<Expr> out = new ArrayList<>(list.size());
        for (LiaParser.ExprContext e : list) out.add(expr(e));
        return out;
    }

    private Expr expr(LiaParser.ExprContext ctx) {
        Pos pos = pos(ctx);
        if (ctx instanceof LiaParser.PostfixEContext p) return postfix(p.postfix());
        if (ctx instanceof LiaParser.UnaryEContext u) {
            String op = u.op.getText();
            Expr operand = expr(u.expr());
            if (op.equals("-")) {
                if (operand instanceof Expr.IntLit lit) return new Expr.IntLit(pos, lit.value().negate());
                if (operand instanceof Expr.FloatLit lit) return new Expr.FloatLit(pos, lit.text(), !lit.negative());
                return new Expr.Unary(pos, Expr.UnaryOp.NEG, operand);
            }
            return new Expr.Unary(pos, op.equals("!") ? Expr.UnaryOp.NOT : Expr.UnaryOp.BIT_NOT, operand);
        }
        List<LiaParser.ExprContext> sides = ctx.getRuleContexts(LiaParser.ExprContext.class);
        Token op = operatorToken(ctx);
        return new Expr.Binary(pos, Expr.BinaryOp.of(op.getText()), expr(sides.get(0)), expr(sides.get(1)), pos(op));
    }

    /** The operator of a binary alternative: the terminal between its two operands. */
    private static Token operatorToken(LiaParser.ExprContext ctx) {
        return ((TerminalNode) ctx.getChild(1)).getSymbol();
    }

    private Expr postfix(LiaParser.PostfixContext ctx) {
        Expr e = primary(ctx.primary());
        for (LiaParser.SuffixContext s : ctx.suffix()) {
            Pos pos = span(ctx.start, s.stop);
            if (s instanceof LiaParser.LaneSContext l) e = new Expr.Lane(pos, e, l.shape().getText(), expr(l.expr()));
            else if (s instanceof LiaParser.PropertySContext p) e = new Expr.Property(pos, e, p.IDENT().getText());
            else if (s instanceof LiaParser.SliceSContext sl) e = new Expr.Slice(pos, e, expr(sl.expr(0)), expr(sl.expr(1)));
            else e = new Expr.Index(pos, e, expr(((LiaParser.IndexSContext) s).expr()));
        }
        return e;
    }

    private Expr primary(LiaParser.PrimaryContext ctx) {
        Pos pos = pos(ctx);
        if (ctx instanceof LiaParser.IntPContext i) return intLiteral(pos, i.INT().getText());
        if (ctx instanceof LiaParser.FloatPContext f) return new Expr.FloatLit(pos, f.FLOAT().getText().replace("_", ""), false);
        if (ctx instanceof LiaParser.StringPContext s) return new Expr.OctsLit(pos, HexFormat.of().formatHex(string(s.STRING().getSymbol())));
        if (ctx instanceof LiaParser.HexPContext h) return new Expr.OctsLit(pos, hexString(h.HEXSTRING().getSymbol()));
        if (ctx instanceof LiaParser.LanesPContext v) {
            List<Expr> lanes = new ArrayList<>();
            boolean floats = v.shape().getText().startsWith("f");
            for (LiaParser.LaneContext l : v.lane()) {
                Pos lp = pos(l);
                boolean negative = l.getChildCount() > 1;
                // a float lane written as an integer is a float literal, so that -0 is negative zero
                Expr lit = l.INT() != null && !floats ? intLiteral(lp, l.INT().getText())
                        : l.INT() != null ? new Expr.FloatLit(lp, l.INT().getText().replace("_", ""), false)
                        : new Expr.FloatLit(lp, l.FLOAT().getText().replace("_", ""), false);
                if (negative) lit = lit instanceof Expr.IntLit i ? new Expr.IntLit(lp, i.value().negate())
                        : new Expr.FloatLit(lp, ((Expr.FloatLit) lit).text(), true);
                lanes.add(lit);
            }
            return new Expr.V128Lit(pos, v.shape().getText(), lanes);
        }
        if (ctx instanceof LiaParser.ExtPContext x) {
            List<String> parts = new ArrayList<>();
            for (LiaParser.NameContext n : x.extName().name()) parts.add(name(n));
            return new Expr.Ext(pos, String.join(".", parts), x.args() == null ? List.of() : exprs(x.args().expr()));
        }
        if (ctx instanceof LiaParser.MemoryPContext m) {
            int index = index(m.INT(), "memory");
            boolean called = m.LPAREN() != null;
            return new Expr.Memory(pos, index, m.IDENT().getText(), m.args() == null ? List.of() : exprs(m.args().expr()), called);
        }
        if (ctx instanceof LiaParser.TablePContext t) return new Expr.Table(pos, index(t.INT(), "table"), t.IDENT().getText());
        if (ctx instanceof LiaParser.InstantiatePContext i) {
            List<ImportBinding> bindings = new ArrayList<>();
            for (LiaParser.ImportBindingContext b : i.importBinding()) {
                bindings.add(new ImportBinding(pos(b), member(b.module), member(b.field), externRef(b.externRef())));
            }
            return new Expr.Instantiate(pos, expr(i.expr()), bindings);
        }
        if (ctx instanceof LiaParser.InstanceCallPContext c) {
            return new Expr.InstanceCall(pos, c.IDENT().getText(), member(c.member()), c.args() == null ? List.of() : exprs(c.args().expr()));
        }
        if (ctx instanceof LiaParser.GlobalPContext g) return new Expr.Global(pos, name(g.name()));
        if (ctx instanceof LiaParser.CallPContext c) {
            List<Expr> args = c.args() == null ? List.of() : exprs(c.args().expr());
            LiaParser.CalleeContext callee = c.callee();
            if (callee.name() != null) return new Expr.Call(pos, name(callee.name()), args);
            Expr.Conversion conv = Expr.Conversion.of(callee.getText());
            if (args.size() != 1) {
                errors.add(new Diagnostic(pos, "the conversion " + conv.text + "(...) takes exactly one argument, got " + args.size()));
                return new Expr.IntLit(pos, BigInteger.ZERO);
            }
            return new Expr.Convert(pos, conv, args.get(0));
        }
        if (ctx instanceof LiaParser.VarPContext v) return new Expr.Var(pos, v.IDENT().getText());
        return expr(((LiaParser.ParenPContext) ctx).expr());
    }

    private ImportBinding.ExternRef externRef(LiaParser.ExternRefContext ctx) {
        Pos pos = pos(ctx);
        if (ctx instanceof LiaParser.MemoryRefContext m) return new ImportBinding.MemoryRef(pos, index(m.INT(), "memory"));
        if (ctx instanceof LiaParser.TableRefContext t) return new ImportBinding.TableRef(pos, index(t.INT(), "table"));
        if (ctx instanceof LiaParser.GlobalRefContext g) return new ImportBinding.GlobalRef(pos, name(g.name()));
        if (ctx instanceof LiaParser.InstanceExportRefContext i) return new ImportBinding.InstanceExportRef(pos, i.IDENT().getText(), member(i.member()));
        return new ImportBinding.ExportRef(pos, name(((LiaParser.ExportRefContext) ctx).name()));
    }

    /** The k of {@code memory[k]} or {@code table[k]}: 0 when not written. */
    private int index(TerminalNode k, String what) {
        if (k == null) return 0;
        BigInteger v = integer(k.getText());
        if (v.bitLength() > 31) {
            errors.add(new Diagnostic(pos(k.getSymbol()), what + " index too large"));
            return 0;
        }
        return v.intValue();
    }

    // ---------------------------------------------------------------- literals

    private Expr intLiteral(Pos pos, String text) {
        BigInteger v = integer(text);
        if (v.compareTo(MAX_U64) > 0) {
            errors.add(new Diagnostic(pos, "integer literal " + text + " does not fit in 64 bits"));
            v = BigInteger.ZERO;
        }
        return new Expr.IntLit(pos, v);
    }

    private static BigInteger integer(String text) {
        String t = text.replace("_", "");
        return t.startsWith("0x") ? new BigInteger(t.substring(2), 16) : new BigInteger(t);
    }

    /** Decodes a string literal's escapes into its UTF-8 bytes. */
    private byte[] string(Token token) {
        String text = token.getText();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 1;
        int end = text.length() - 1;
        while (i < end) {
            int cp = text.codePointAt(i);
            if (cp != '\\') {
                out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(cp);
                continue;
            }
            Pos at = new Pos(token.getLine(), token.getCharPositionInLine() + 1 + i, 2);
            char c = text.charAt(i + 1);
            i += 2;
            switch (c) {
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case 't' -> out.write('\t');
                case '0' -> out.write(0);
                case '\\', '"', '\'' -> out.write(c);
                case 'x' -> {
                    if (i + 2 <= end && isHex(text.charAt(i)) && isHex(text.charAt(i + 1))) {
                        out.write(Integer.parseInt(text.substring(i, i + 2), 16));
                        i += 2;
                    } else {
                        errors.add(new Diagnostic(at, "bad escape: \\x needs two hex digits"));
                    }
                }
                case 'u' -> {
                    int close = text.indexOf('}', i);
                    String digits = text.charAt(i) == '{' && close > i + 1 ? text.substring(i + 1, close) : "";
                    int value = -1;
                    if (!digits.isEmpty() && digits.length() <= 6 && digits.chars().allMatch(AstBuilder::isHex)) {
                        value = Integer.parseInt(digits, 16);
                    }
                    if (value < 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
                        errors.add(new Diagnostic(at, "bad escape: expected \\u{HEX} with a Unicode scalar value"));
                        if (close > i) i = close + 1;
                    } else {
                        out.writeBytes(new String(Character.toChars(value)).getBytes(StandardCharsets.UTF_8));
                        i = close + 1;
                    }
                }
                default -> errors.add(new Diagnostic(at, "unknown escape \\" + c + "; expected one of \\n \\r \\t \\0 \\\\ \\\" \\' \\xHH \\u{HEX}"));
            }
        }
        return out.toByteArray();
    }

    /** {@code hex"00 ff"}: pairs of hex digits; spaces and underscores separate them. */
    private String hexString(Token token) {
        String text = token.getText();
        String body = text.substring(4, text.length() - 1).replace(" ", "").replace("_", "").replace("\t", "");
        if (!body.chars().allMatch(AstBuilder::isHex)) {
            errors.add(new Diagnostic(pos(token), "a hex string holds only hex digits, spaces and underscores"));
            return "";
        }
        if (body.length() % 2 != 0) {
            errors.add(new Diagnostic(pos(token), "a hex string needs an even number of hex digits, got " + body.length()));
            return "";
        }
        return body.toLowerCase(java.util.Locale.ROOT);
    }

    private static boolean isHex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    // ---------------------------------------------------------------- helpers

    private static String name(LiaParser.NameContext ctx) {
        String t = ctx.getText();
        return ctx.QUOTED() != null ? t.substring(1, t.length() - 1) : t;
    }

    private static String member(LiaParser.MemberContext ctx) {
        return ctx.name() != null ? name(ctx.name()) : ctx.getText();
    }

    private static Type type(LiaParser.TypeContext ctx) {
        return Type.byName(ctx.getText());
    }

    private Pos pos(ParserRuleContext ctx) {
        return span(ctx.start, ctx.stop);
    }

    private Pos pos(Token t) {
        return span(t, t);
    }

    /** From the start of one token to the end of another, cut at the end of the first line. */
    private Pos span(Token start, Token stop) {
        int line = start.getLine();
        int col = start.getCharPositionInLine() + 1;
        int length;
        if (stop != null && stop.getLine() == line && stop.getType() != Token.EOF && stop.getStopIndex() >= start.getStartIndex()) {
            length = stop.getStopIndex() - start.getStartIndex() + 1;
        } else {
            length = Math.max(1, source.line(line).length() - col + 1);
        }
        return new Pos(line, col, Math.max(1, length));
    }
}
