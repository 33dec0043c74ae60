package dev.lia.wasm.runtime;

/** Supplies the value of each import when a module is instantiated. */
@FunctionalInterface
public interface ImportResolver {
    /** The extern for {@code module.name}, or null if there is none ("unknown import"). */
    Extern resolve(String module, String name);

    ImportResolver NONE = (m, n) -> null;
}
