package dev.lia.wasm.debug;

/** A local of a frame: its index (parameters first), its name from the name section (or null), its value. */
public record Variable(int index, String name, DebugValue value) {
    /** {@code $name} or the index. */
    public String label() {
        return name != null ? "$" + name : Integer.toString(index);
    }

    @Override
    public String toString() {
        return label() + " = " + value;
    }
}
