package dev.lia.wasm.text;

import dev.lia.wasm.binary.ModuleDecoder;
import dev.lia.wasm.syntax.Module;

/** Binary modules met in text ({@code (module binary ...)}): decoded by the binary decoder. */
final class ModuleLoader {
    private ModuleLoader() {}

    static Module decode(byte[] bytes) {
        return ModuleDecoder.decode(bytes);
    }
}
