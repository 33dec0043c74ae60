package dev.lia.wasm.syntax;

import java.util.List;

/** A struct type (GC): its fields in order. */
public record StructType(List<FieldType> fields) implements CompType {
    public StructType {
        fields = List.copyOf(fields);
    }
}
