package dev.lia.wasm.text;

import dev.lia.wasm.syntax.Module;
import dev.lia.wasm.text.SExpr.Atom;
import dev.lia.wasm.text.SExpr.Kind;
import dev.lia.wasm.text.SExpr.SList;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A module as a script writes it: {@code (module id? field*)}, {@code (module id? binary string*)} or
 * {@code (module id? quote string*)}. Nothing is checked until it is asked for, so a script can hold
 * modules that are meant to be malformed.
 */
public final class WastModule {
    /** How the module is written. */
    public enum Form { TEXT, BINARY, QUOTE }

    private final String id;
    private final Form form;
    private final SList list;
    private final TextSource source;
    private final int line;

    private WastModule(String id, Form form, SList list, TextSource source) {
        this.id = id;
        this.form = form;
        this.list = list;
        this.source = source;
        this.line = source.line(list.pos());
    }

    /** Reads the head of a {@code (module ...)} list (its identifier and form). */
    static WastModule of(SList list, TextSource source) {
        Cursor c = new Cursor(list, 1);
        Atom id = c.optional(Kind.ID);
        Form form = c.peekKeyword("binary") ? Form.BINARY : c.peekKeyword("quote") ? Form.QUOTE : Form.TEXT;
        return new WastModule(id == null ? null : id.text(), form, list, source);
    }

    /** The module's identifier ({@code $name}), or null. */
    public String id() {
        return id;
    }

    public Form form() {
        return form;
    }

    /** The line where the module starts in its script. */
    public int line() {
        return line;
    }

    /** The module's text as written in the script (for a quoted module, the quoting list itself). */
    public String text() {
        String t = source.text();
        int from = t.offsetByCodePoints(0, list.pos());
        int to = t.offsetByCodePoints(from, list.end() - list.pos() + 1);
        return t.substring(from, to);
    }

    /**
     * Where a validation error of a text module is in its script, as {@code LINE:COL}, or null: the
     * module is validated as parsed, its instructions carrying their text positions, and the position
     * is given when that finds the same error ({@code message}). Binary and quoted modules have none.
     */
    public String invalidAt(String message) {
        if (form != Form.TEXT) return null;
        try {
            dev.lia.wasm.valid.Validator.validate(module());
            return null;
        } catch (dev.lia.wasm.InvalidException e) {
            int pos = InstrParser.textPosition(e.offset());
            boolean same = java.util.Objects.equals(e.getMessage(), message) && pos > 0 && pos < source.length();
            return same ? source.line(pos) + ":" + source.column(pos) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The bytes of a {@code binary} module. */
    public byte[] binary() {
        if (form != Form.BINARY) throw new IllegalStateException("not a binary module");
        try {
            return strings();
        } catch (TextFormatException e) {
            throw source.locate(e);
        }
    }

    /** The text of a {@code quote} module. */
    public String quote() {
        if (form != Form.QUOTE) throw new IllegalStateException("not a quoted module");
        try {
            return Utf8Text.decode(strings());
        } catch (TextFormatException e) {
            throw source.locate(new TextFormatException(e.getMessage(), list.pos()));
        }
    }

    private byte[] strings() {
        Cursor c = new Cursor(list, id == null ? 2 : 3);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (!c.atEnd()) {
            Atom s = c.atom(Kind.STRING);
            out.writeBytes(Strings.bytes(s.text(), s.pos()));
        }
        return out.toByteArray();
    }

    /**
     * The module of a text or quoted module (a {@link TextFormatException} if it is malformed). A binary
     * module is decoded by the binary decoder ({@link ModuleLoader}).
     */
    public Module module() {
        return DeepNesting.run(this::build);
    }

    private Module build() {
        switch (form) {
            case TEXT:
                try {
                    return TextFormat.textModule(list);
                } catch (TextFormatException e) {
                    throw source.locate(e);
                }
            case QUOTE:
                return TextFormat.parseModule(new TextSource(source.name() + ":" + line + ":quote", quote()));
            default:
                return ModuleLoader.decode(binary());
        }
    }

    @Override
    public String toString() {
        return "(module" + (id == null ? "" : " " + id) + (form == Form.TEXT ? "" : " " + form.name().toLowerCase()) + " ...)";
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
