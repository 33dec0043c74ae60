package dev.lia.wasm.text;

import dev.lia.wasm.syntax.Module;
import dev.lia.wasm.text.SExpr.Atom;
import dev.lia.wasm.text.SExpr.Kind;
import dev.lia.wasm.text.SExpr.SList;

import java.util.List;

/**
 * Entry points for the WebAssembly text format: a {@code .wat} text to a {@link Module}. Errors are
 * {@link TextFormatException}s with the specification's wording, located by line and column.
 */
public final class TextFormat {
    private TextFormat() {}

    /** A module from text: {@code (module ...)} (also {@code binary} or {@code quote}) or bare module fields. */
    public static Module parseModule(String text) {
        return parseModule(new TextSource("<text>", text));
    }

    /** A module from a UTF-8 file's bytes; malformed UTF-8 is reported where it occurs. */
    public static Module parseModule(byte[] utf8, String name) {
        return parseModule(new TextSource(name, Utf8Text.decode(utf8)));
    }

    /**
     * The text position (a code point index into the source) that an offset of a module parsed from
     * text stands for, as a validation error of it carries; -1 when it is none.
     */
    public static int textPosition(int offset) {
        return InstrParser.textPosition(offset);
    }

    public static Module parseModule(TextSource source) {
        return DeepNesting.run(() -> parse(source));
    }

    private static Module parse(TextSource source) {
        SExprReader.Result read = SExprReader.readLenient(source);
        List<SExpr> items = read.items();
        Module m;
        try {
            if (items.size() == 1 && items.get(0) instanceof SList l && l.isHead("module")) {
                m = WastModule.of(l, source).module();
            } else {
                m = ModuleBuilder.build(null, items);
            }
        } catch (TextFormatException e) {
            // an error before an unbalanced parenthesis is the one to report
            throw source.locate(read.first(e));
        }
        if (read.unbalanced() != null) throw read.unbalanced();
        return m;
    }

    /** A module from the fields of a {@code (module id? field*)} list. */
    static Module textModule(SList module) {
        Cursor c = new Cursor(module, 1);
        Atom id = c.optional(Kind.ID);
        return ModuleBuilder.build(id, module.items().subList(id == null ? 1 : 2, module.size()));
    }
}
