package dev.lia.wasm;

/**
 * The module is refused because it exceeds a resource limit the embedder configured (module size,
 * function count, locals), before anything large is allocated for it. Unlike {@link MalformedException}
 * the module may be perfectly well-formed: a larger limit would accept it. {@code offset} is the byte
 * offset of the declaration that went over the limit, or -1.
 */
public final class LimitException extends ModuleException {
    public LimitException(String message, int offset) {
        super(message, offset);
    }

    @Override
    public String kind() {
        return "limit";
    }
}
