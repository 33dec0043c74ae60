package dev.lia.state;

import dev.lia.script.Lia;
import dev.lia.wasm.compile.CompiledModule;

import java.util.Arrays;

/**
 * A module as states refer to it: the SHA-256 of its binary encoding, and its compiled code. A
 * state names its modules by hash only; whoever restores it supplies the modules.
 */
public final class LoadedModule {
    private final byte[] bytes;
    private final byte[] hash;
    private final CompiledModule compiled;

    private LoadedModule(byte[] bytes, CompiledModule compiled) {
        this.bytes = bytes;
        this.hash = Sha256.of(bytes);
        this.compiled = compiled;
    }

    /** Decodes, validates and compiles a binary module (throws the engine's malformed/invalid errors). */
    public static LoadedModule of(byte[] binary) {
        byte[] copy = binary.clone();
        return new LoadedModule(copy, Lia.loadModule(copy));
    }

    /** A module compiled already from exactly these bytes. */
    public static LoadedModule of(byte[] binary, CompiledModule compiled) {
        return new LoadedModule(binary.clone(), compiled);
    }

    /** The binary encoding (a copy). */
    public byte[] bytes() {
        return bytes.clone();
    }

    public int size() {
        return bytes.length;
    }

    /** The SHA-256 of the binary encoding (a copy). */
    public byte[] hash() {
        return hash.clone();
    }

    public boolean hasHash(byte[] h) {
        return Arrays.equals(hash, h);
    }

    public String hashText() {
        return Sha256.text(hash);
    }

    public CompiledModule compiled() {
        return compiled;
    }
}
