package dev.lia.wasm.compile.jvm;

/** A function the compiled tier leaves to the interpreter, and why (counted in the tier's statistics). */
final class Untranslatable extends RuntimeException {
    Untranslatable(String reason) {
        super(reason, null, false, false);
    }
}
