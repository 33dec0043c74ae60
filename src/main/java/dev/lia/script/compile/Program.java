package dev.lia.script.compile;

import dev.lia.script.syntax.Pos;
import dev.lia.script.syntax.Type;

import java.util.List;

/**
 * A compiled script: the script's main body as operations from index 0 (ending in {@code return}),
 * then each import handler's operations; the inputs and the handlers' entry points; how many
 * variable slots each frame needs. Source positions ride along, one per operation, for messages.
 *
 * <p>A program's identity is {@link #id()}, the SHA-256 of its canonical encoding, which covers
 * everything that decides behaviour and nothing else (not the file name, not positions, not
 * comments or layout): equal scripts compile to equal operations and the same id.
 */
public final class Program {
    /** A script input and the main-frame slot it is stored in before the first operation. */
    public record Input(String name, Type type, int slot) {}

    /** An import handler: the import it implements, where its code starts, its frame's slot count. */
    public record Handler(String module, String name, List<Type> params, List<Type> results, int entry, int slots) {
        public Handler {
            params = List.copyOf(params);
            results = List.copyOf(results);
        }

        public String qualifiedName() {
            return module + "." + name;
        }
    }

    private final String sourceName;
    private final List<Op> ops;
    private final List<Pos> positions;
    private final int mainSlots;
    private final List<Input> inputs;
    private final List<Handler> handlers;
    private byte[] encoding;

    public Program(String sourceName, List<Op> ops, List<Pos> positions, int mainSlots, List<Input> inputs, List<Handler> handlers) {
        if (ops.size() != positions.size()) throw new IllegalArgumentException("one position per operation");
        this.sourceName = sourceName;
        this.ops = List.copyOf(ops);
        this.positions = List.copyOf(positions);
        this.mainSlots = mainSlots;
        this.inputs = List.copyOf(inputs);
        this.handlers = List.copyOf(handlers);
    }

    public String sourceName() {
        return sourceName;
    }

    public List<Op> ops() {
        return ops;
    }

    public Op op(int index) {
        return ops.get(index);
    }

    public Pos position(int index) {
        return positions.get(index);
    }

    public int mainSlots() {
        return mainSlots;
    }

    public List<Input> inputs() {
        return inputs;
    }

    public List<Handler> handlers() {
        return handlers;
    }

    /** The handler for the import {@code module.name}, or null. */
    public Handler handler(String qualifiedName) {
        for (Handler h : handlers) if (h.qualifiedName().equals(qualifiedName)) return h;
        return null;
    }

    /** The canonical encoding (see {@link ProgramEncoding}). */
    public byte[] encode() {
        if (encoding == null) encoding = ProgramEncoding.encode(this);
        return encoding.clone();
    }

    /** Lowercase hex SHA-256 of the canonical encoding: the script's identity. */
    public String id() {
        return ProgramEncoding.sha256(encode());
    }

    /** Equal when the canonical encodings are equal (positions and file name do not count). */
    @Override
    public boolean equals(Object o) {
        return o instanceof Program p && java.util.Arrays.equals(encode(), p.encode());
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(encode());
    }

    /** One operation per line with its index and source position: what {@code lia ops} prints. */
    public String listing() {
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(sourceName).append("  id ").append(id()).append('\n');
        for (Input in : inputs) sb.append("# input ").append(in.name()).append(" : ").append(in.type()).append(" in slot ").append(in.slot()).append('\n');
        sb.append("# main: ").append(mainSlots).append(" slots\n");
        for (int i = 0; i < ops.size(); i++) {
            for (Handler h : handlers) {
                if (h.entry() == i) {
                    sb.append("# on ").append(h.qualifiedName()).append("(").append(types(h.params())).append(")")
                            .append(h.results().isEmpty() ? "" : " -> " + types(h.results()))
                            .append(": ").append(h.slots()).append(" slots\n");
                }
            }
            String text = String.format("%5d  %s", i, ops.get(i));
            sb.append(text);
            sb.append(" ".repeat(Math.max(2, 48 - text.length()))).append("@ ").append(positions.get(i)).append('\n');
        }
        return sb.toString();
    }

    private static String types(List<Type> types) {
        return String.join(", ", types.stream().map(Type::toString).toList());
    }

    @Override
    public String toString() {
        return listing();
    }
}
