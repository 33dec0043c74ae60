package dev.lia.wasm.text;

import dev.lia.wasm.syntax.ValType;
import dev.lia.wasm.text.SExpr.Atom;
import dev.lia.wasm.text.SExpr.Kind;
import dev.lia.wasm.text.SExpr.SList;

import java.util.ArrayList;
import java.util.List;

/**
 * WebAssembly scripts ({@code .wast}): modules, {@code register}, actions and assertions, into
 * {@link ScriptCommand}s. Modules are kept as written ({@link WastModule}) and only parsed when they
 * are run, so that assertions about malformed modules can be checked.
 */
public final class WastParser {
    private final TextSource source;

    private WastParser(TextSource source) {
        this.source = source;
    }

    /** The commands of a script. */
    public static List<ScriptCommand> parse(TextSource source) {
        return DeepNesting.run(() -> commands(source));
    }

    private static List<ScriptCommand> commands(TextSource source) {
        List<SExpr> items = SExprReader.read(source);
        WastParser p = new WastParser(source);
        List<ScriptCommand> out = new ArrayList<>();
        try {
            if (isBareModule(items)) {
                // a script may also be just the fields of one module
                List<SExpr> all = new ArrayList<>();
                all.add(new Atom(Kind.KEYWORD, "module", items.get(0).pos()));
                all.addAll(items);
                SList module = new SList(all, items.get(0).pos(), source.length());
                out.add(new ScriptCommand.DefineModule(source.line(module.pos()), WastModule.of(module, source)));
                return out;
            }
            for (SExpr e : items) out.add(p.command(e));
        } catch (TextFormatException e) {
            throw source.locate(e);
        }
        return out;
    }

    public static List<ScriptCommand> parse(String name, String text) {
        return parse(new TextSource(name, text));
    }

    /** The commands of a script file's bytes (UTF-8). */
    public static List<ScriptCommand> parse(String name, byte[] utf8) {
        try {
            return parse(new TextSource(name, Utf8Text.decode(utf8)));
        } catch (TextFormatException e) {
            throw new TextSource(name, new String(utf8, java.nio.charset.StandardCharsets.UTF_8)).locate(e);
        }
    }

    private static final java.util.Set<String> FIELDS =
            java.util.Set.of("type", "import", "func", "table", "memory", "global", "export", "start", "elem", "data", "tag", "rec");

    private static boolean isBareModule(List<SExpr> items) {
        return !items.isEmpty() && items.get(0) instanceof SList l && l.head() != null && FIELDS.contains(l.head());
    }

    /** One command. */
    public ScriptCommand command(SExpr e) {
        if (!(e instanceof SList l) || l.head() == null) throw Cursor.unexpected(e);
        int line = source.line(l.pos());
        Cursor c = new Cursor(l, 1);
        switch (l.head()) {
            case "module":
                if (c.peekKeyword("definition")) {
                    // the module as if written without the keyword: (module id? field*)
                    List<SExpr> rest = new ArrayList<>(l.items());
                    rest.remove(1);
                    return new ScriptCommand.DefineOnly(line, WastModule.of(new SList(rest, l.pos(), l.end()), source));
                }
                if (c.peekKeyword("instance")) {
                    c.next();
                    Atom instance = c.optional(Kind.ID);
                    Atom definition = c.optional(Kind.ID);
                    c.expectEnd();
                    return new ScriptCommand.InstantiateDefinition(line, instance == null ? null : instance.text(),
                            definition == null ? null : definition.text());
                }
                return new ScriptCommand.DefineModule(line, WastModule.of(l, source));
            case "register": {
                String as = ModuleBuilder.name(c.atom(Kind.STRING));
                Atom id = c.optional(Kind.ID);
                c.expectEnd();
                return new ScriptCommand.Register(line, as, id == null ? null : id.text());
            }
            case "invoke":
            case "get":
                return new ScriptCommand.Action(line, action(l));
            case "assert_return": {
                SList a = c.list();
                ScriptAction action = action(a);
                List<ScriptValue> expected = new ArrayList<>();
                while (!c.atEnd()) expected.add(value(c.list(), true));
                return new ScriptCommand.AssertReturn(source.line(a.pos()), action, expected);
            }
            case "assert_trap": {
                SList a = c.list();
                String text = c.string();
                c.expectEnd();
                String message = ModuleBuilder.name(new Atom(Kind.STRING, text, l.pos()));
                if (a.isHead("module")) {
                    return new ScriptCommand.AssertModule(source.line(a.pos()), ScriptCommand.Failure.UNINSTANTIABLE,
                            WastModule.of(a, source), message);
                }
                return new ScriptCommand.AssertTrap(source.line(a.pos()), action(a), message, false);
            }
            case "assert_exception": {
                SList a = c.list();
                c.expectEnd();
                return new ScriptCommand.AssertException(source.line(a.pos()), action(a));
            }
            case "assert_exhaustion": {
                SList a = c.list();
                String text = ModuleBuilder.name(c.atom(Kind.STRING));
                c.expectEnd();
                return new ScriptCommand.AssertTrap(source.line(a.pos()), action(a), text, true);
            }
            case "assert_malformed":
            case "assert_invalid":
            case "assert_unlinkable":
            case "assert_uninstantiable": {
                SList m = c.list("module");
                String text = ModuleBuilder.name(c.atom(Kind.STRING));
                c.expectEnd();
                ScriptCommand.Failure f = switch (l.head()) {
                    case "assert_malformed" -> ScriptCommand.Failure.MALFORMED;
                    case "assert_invalid" -> ScriptCommand.Failure.INVALID;
                    case "assert_unlinkable" -> ScriptCommand.Failure.UNLINKABLE;
                    default -> ScriptCommand.Failure.UNINSTANTIABLE;
                };
                return new ScriptCommand.AssertModule(source.line(m.pos()), f, WastModule.of(m, source), text);
            }
            default:
                throw Cursor.unexpected(l.get(0));
        }
    }

    /** {@code (invoke $m? "name" const*)} or {@code (get $m? "name")}. */
    ScriptAction action(SList l) {
        String kind = l.head();
        if (!"invoke".equals(kind) && !"get".equals(kind)) throw Cursor.unexpected(l.size() > 0 ? l.get(0) : l);
        Cursor c = new Cursor(l, 1);
        Atom id = c.optional(Kind.ID);
        String field = ModuleBuilder.name(c.atom(Kind.STRING));
        List<ScriptValue> args = new ArrayList<>();
        if (kind.equals("invoke")) {
            while (!c.atEnd()) args.add(value(c.list(), false));
        }
        c.expectEnd();
        return new ScriptAction(kind, id == null ? null : id.text(), field, args);
    }

    /** A constant ({@code (i32.const 1)}, {@code (ref.null func)}, ...); as a result also NaN patterns and {@code (ref.func)}. */
    static ScriptValue value(SList l, boolean result) {
        String head = l.head();
        if (head == null) throw Cursor.unexpected(l.size() > 0 ? l.get(0) : l);
        Cursor c = new Cursor(l, 1);
        ScriptValue v;
        switch (head) {
            case "i32.const" -> v = ScriptValue.of(ValType.I32, Integer.toUnsignedString((int) InstrParser.intConst(c.next(), 32)));
            case "i64.const" -> v = ScriptValue.of(ValType.I64, Long.toUnsignedString(InstrParser.intConst(c.next(), 64)));
            case "f32.const" -> v = ScriptValue.of(ValType.F32, floatText(c.next(), true, result));
            case "f64.const" -> v = ScriptValue.of(ValType.F64, floatText(c.next(), false, result));
            case "ref.null" -> {
                if (result && c.atEnd()) {
                    // (ref.null) as a result (3.0 scripts): any null reference; a null is the same bits for every type
                    v = ScriptValue.of(ValType.FUNCREF, "null");
                    break;
                }
                SExpr t = c.next();
                Integer heap = t instanceof Atom a && a.kind() == Kind.KEYWORD ? ValType.abstractHeap(a.text()) : null;
                // (ref.null $t) / (ref.null 1) as a result: a null of a concrete type, which is null all the same
                if (heap == null && result && Space.isIndex(t)) heap = ValType.ANY;
                if (heap == null) throw Cursor.unexpected(t);
                v = ScriptValue.of(ValType.ref(true, heap), "null");
            }
            case "ref.extern" -> {
                Atom n = c.optional(Kind.NAT);
                if (n == null && !result) throw c.unexpectedHere();
                v = ScriptValue.of(ValType.EXTERNREF, n == null ? null : Long.toUnsignedString(Numbers.unsigned(n.text(), 64)));
            }
            case "ref.func" -> {
                if (!result) throw Cursor.unexpected(l.get(0));
                if (!c.atEnd()) c.next(); // (ref.func $f): any non-null function reference all the same
                v = ScriptValue.of(ValType.FUNCREF, null);
            }
            // 3.0 result patterns: any non-null reference of the kind
            case "ref.i31", "ref.struct", "ref.array", "ref.eq", "ref.any", "ref.exn" -> {
                if (!result) throw Cursor.unexpected(l.get(0));
                v = ScriptValue.of(ValType.ref(true, ValType.abstractHeap(head.substring(4))), null);
            }
            case "ref.host" -> { // host reference N as an anyref: what any.convert_extern makes of (ref.extern N)
                Atom n = c.atom(Kind.NAT);
                v = ScriptValue.of(ValType.ANYREF, Long.toUnsignedString(Numbers.unsigned(n.text(), 64)));
            }
            case "v128.const" -> v = v128(c, result);
            case "either" -> {
                if (!result || c.atEnd()) throw Cursor.unexpected(l.get(0));
                List<ScriptValue> alternatives = new ArrayList<>();
                while (!c.atEnd()) alternatives.add(value(c.list(), true));
                v = ScriptValue.either(alternatives);
            }
            default -> throw Cursor.unexpected(l.get(0));
        }
        c.expectEnd();
        return v;
    }

    private static String floatText(SExpr e, boolean f32, boolean result) {
        if (result && e instanceof Atom a && (a.isKeyword("nan:canonical") || a.isKeyword("nan:arithmetic"))) return a.text();
        return f32 ? Integer.toUnsignedString((int) InstrParser.f32Const(e)) : Long.toUnsignedString(InstrParser.f64Const(e));
    }

    private static ScriptValue v128(Cursor c, boolean result) {
        SExpr s = c.next();
        String shape = s instanceof Atom a && a.kind() == Kind.KEYWORD ? a.text() : "";
        int n = V128Text.lanes(shape);
        if (n < 0) throw Cursor.unexpected(s);
        if (V128Text.numbersAhead(c) != n) {
            // nan:canonical and nan:arithmetic are keywords; count them as lanes of a result too
            int k = 0;
            while (c.peek(k) instanceof Atom a && (a.kind() != Kind.STRING && a.kind() != Kind.ID)) k++;
            if (k != n) throw new TextFormatException("wrong number of lane literals", c.position());
        }
        String laneType = shape.substring(0, shape.indexOf('x'));
        List<String> lanes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            SExpr e = c.next();
            switch (laneType) {
                case "i8" -> lanes.add(Integer.toString((int) InstrParser.intConst(wrapCheck(e, 8), 32) & 0xFF));
                case "i16" -> lanes.add(Integer.toString((int) InstrParser.intConst(wrapCheck(e, 16), 32) & 0xFFFF));
                case "i32" -> lanes.add(Integer.toUnsignedString((int) InstrParser.intConst(e, 32)));
                case "i64" -> lanes.add(Long.toUnsignedString(InstrParser.intConst(e, 64)));
                case "f32" -> lanes.add(floatText(e, true, result));
                default -> lanes.add(floatText(e, false, result));
            }
        }
        return new ScriptValue(ValType.V128, null, laneType, lanes);
    }

    /** i8 and i16 lanes have their own range. */
    private static SExpr wrapCheck(SExpr e, int bits) {
        if (e instanceof Atom a && (a.kind() == Kind.NAT || a.kind() == Kind.INT)) {
            try {
                Numbers.integer(a.text(), bits);
            } catch (Numbers.RangeException x) {
                throw new TextFormatException("constant out of range", a.pos());
            }
        }
        return e;
    }
}
