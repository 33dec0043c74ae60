package dev.lia.wasm.syntax;

import java.util.List;

/**
 * A type definition (3.0): a composite type, the type indices of its declared supertypes (at most one),
 * and whether it is final (no subtypes allowed). A plain {@code (type (func ...))} is final without supertypes.
 */
public record SubType(boolean isFinal, List<Integer> supers, CompType comp) {
    public SubType {
        supers = List.copyOf(supers);
    }

    /** A final type without supertypes: what a definition without {@code sub} means. */
    public static SubType plain(CompType comp) {
        return new SubType(true, List.of(), comp);
    }
}
