package dev.lia.wasm.syntax;

import java.util.Arrays;
import java.util.Objects;

/** A custom section kept as raw bytes. {@code offset} is where its contents start in the module. */
public record CustomSection(String name, byte[] contents, int offset) {
    @Override
    public boolean equals(Object o) {
        return o instanceof CustomSection c && name.equals(c.name) && Arrays.equals(contents, c.contents);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(contents));
    }

    @Override
    public String toString() {
        return "CustomSection[" + name + ", " + contents.length + " bytes]";
    }
}
