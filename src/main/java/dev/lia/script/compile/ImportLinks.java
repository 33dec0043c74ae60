package dev.lia.script.compile;

import java.util.ArrayList;
import java.util.List;

/**
 * The imports an {@code instantiate} operation links, written as its text operand in the script's
 * own spelling, one link after another separated by {@code ", "}:
 * <pre>
 * env.memory = memory[0], env.__indirect_function_table = table[0], env.g = global.counter,
 * env.f = add, env.h = local[3].run
 * </pre>
 * {@code local[k].name} is the export {@code name} of the instance held in variable slot k of the
 * running frame. A name that is not {@code [A-Za-z_][A-Za-z_0-9]*} is written in backquotes (a
 * script cannot write a name holding a backquote or a line break, so none occurs).
 */
public final class ImportLinks {
    private ImportLinks() {}

    public enum Kind { MEMORY, TABLE, GLOBAL, EXPORT, INSTANCE }

    /**
     * Import {@code module.name} linked to: memory or table {@code index} of the script's module,
     * its exported global or export {@code export}, or export {@code export} of the instance in slot {@code index}.
     */
    public record Link(String module, String name, Kind kind, int index, String export) {
        public String text() {
            String target = switch (kind) {
                case MEMORY -> "memory[" + index + "]";
                case TABLE -> "table[" + index + "]";
                case GLOBAL -> "global." + quote(export);
                case EXPORT -> quote(export);
                case INSTANCE -> "local[" + index + "]." + quote(export);
            };
            return quote(module) + "." + quote(name) + " = " + target;
        }
    }

    public static String encode(List<Link> links) {
        return String.join(", ", links.stream().map(Link::text).toList());
    }

    /** @throws IllegalArgumentException if the text is not what {@link #encode} writes */
    public static List<Link> decode(String text) {
        List<Link> out = new ArrayList<>();
        if (text == null || text.isEmpty()) return out;
        Reader r = new Reader(text);
        while (true) {
            String module = r.name();
            r.expect(".");
            String name = r.name();
            r.expect(" = ");
            Link link;
            if (r.accept("memory[")) {
                link = new Link(module, name, Kind.MEMORY, r.indexThen("]"), null);
            } else if (r.accept("table[")) {
                link = new Link(module, name, Kind.TABLE, r.indexThen("]"), null);
            } else if (r.accept("global.")) {
                link = new Link(module, name, Kind.GLOBAL, 0, r.name());
            } else if (r.accept("local[")) {
                int slot = r.indexThen("].");
                link = new Link(module, name, Kind.INSTANCE, slot, r.name());
            } else {
                link = new Link(module, name, Kind.EXPORT, 0, r.name());
            }
            out.add(link);
            if (r.atEnd()) return out;
            r.expect(", ");
        }
    }

    static String quote(String name) {
        return name.matches("[A-Za-z_][A-Za-z_0-9]*") ? name : "`" + name + "`";
    }

    private static final class Reader {
        private final String text;
        private int at;

        Reader(String text) {
            this.text = text;
        }

        boolean atEnd() {
            return at == text.length();
        }

        boolean accept(String s) {
            if (!text.startsWith(s, at)) return false;
            at += s.length();
            return true;
        }

        void expect(String s) {
            if (!accept(s)) throw bad();
        }

        String name() {
            if (accept("`")) {
                int end = text.indexOf('`', at);
                if (end < 0) throw bad();
                String n = text.substring(at, end);
                at = end + 1;
                return n;
            }
            int start = at;
            while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')) at++;
            if (at == start) throw bad();
            return text.substring(start, at);
        }

        int indexThen(String close) {
            int start = at;
            while (at < text.length() && Character.isDigit(text.charAt(at))) at++;
            if (at == start) throw bad();
            int v = Integer.parseInt(text.substring(start, at));
            expect(close);
            return v;
        }

        IllegalArgumentException bad() {
            return new IllegalArgumentException("malformed import links at " + at + ": " + text);
        }
    }
}
