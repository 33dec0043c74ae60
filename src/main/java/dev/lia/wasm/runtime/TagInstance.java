package dev.lia.wasm.runtime;

import dev.lia.wasm.syntax.ExternKind;
import dev.lia.wasm.syntax.FuncType;

/**
 * An exception tag (exception handling): its identity is the object itself, so two modules that import
 * the same tag catch each other's exceptions, and two definitions of the same type are different tags.
 * The type's parameters are the exception's payload; its results are empty.
 */
public final class TagInstance implements Extern {
    private final FuncType type;
    private final int typeId;
    private final String name;

    /**
     * A tag whose type has the store's canonical id {@code typeId} (see {@link Store#typeId}), called
     * {@code name} in messages (its export name in the defining module, else {@code tag N}).
     */
    TagInstance(FuncType type, int typeId, String name) {
        this.type = type;
        this.typeId = typeId;
        this.name = name;
    }

    /** How messages name the tag: {@code tag "oops"} when its defining module exports it so, else {@code tag N} (its index there) or {@code a host's tag}. */
    public String name() {
        return name;
    }

    public FuncType type() {
        return type;
    }

    /** The store's canonical id of the tag's type: import matching compares it. */
    public int typeId() {
        return typeId;
    }

    @Override
    public ExternKind kind() {
        return ExternKind.TAG;
    }
}
