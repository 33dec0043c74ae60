package dev.lia.wasm.link;

import dev.lia.wasm.LinkException;
import dev.lia.wasm.Trap;
import dev.lia.wasm.binary.ModuleDecoder;
import dev.lia.wasm.compile.CompiledModule;
import dev.lia.wasm.compile.ModuleCompiler;
import dev.lia.wasm.exec.Machine;
import dev.lia.wasm.runtime.Extern;
import dev.lia.wasm.runtime.ImportResolver;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.Instantiator;
import dev.lia.wasm.syntax.Module;
import dev.lia.wasm.valid.Validator;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Late linking: instantiates, in a running machine's store, modules whose bytes a running program
 * produced, linked to what exists already (typically the running instance's memory and its growable
 * function table, as a JIT inside WebAssembly does: the new module's start function grows the table,
 * puts its functions there and patches memory so the program finds them).
 *
 * <p>{@link #instantiate} may be called from a Java host function while wasm code is running: the
 * start function then runs as an activation nested above the suspended one, and when the host
 * function returns, the running code sees the grown table and the patched memory.
 *
 * <p>Every module linked is kept, with its bytes, their SHA-256 and the extern each import was
 * linked to, in the order of linking: what a saved session needs to rebuild the store.
 */
public final class LateLinker {
    /**
     * One linked module.
     *
     * @param bytes  its binary encoding (the accessor gives a copy)
     * @param sha256 lowercase hex SHA-256 of {@code bytes}
     * @param links  the extern each import was linked to, in the module's import order
     */
    public record Linked(byte[] bytes, String sha256, CompiledModule module, Instance instance, List<Extern> links) {
        public Linked {
            links = List.copyOf(links);
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        /** The index of the start function in the module's function index space, or -1. */
        public int start() {
            return module.module().start();
        }
    }

    private final Machine machine;
    private final List<Linked> linked = new ArrayList<>();

    public LateLinker(Machine machine) {
        this.machine = machine;
    }

    public Machine machine() {
        return machine;
    }

    /**
     * Decodes, validates and compiles {@code bytes}, links the imports, runs the active segments
     * and the start function. Import handlers the start function calls are answered as
     * {@link Machine#invoke} answers them.
     *
     * @throws dev.lia.wasm.WasmException malformed, invalid or unsupported bytes; a missing or mistyped import
     * @throws Trap                       a segment that does not fit, or a trap in the start function
     *                                    (the instance stays in the store and in {@link #linked()}, as the spec has it)
     */
    public Linked instantiate(byte[] bytes, ImportResolver imports) {
        Linked l = allocate(bytes, imports);
        if (l.start() >= 0) machine.invoke(l.instance().function(l.start()));
        return l;
    }

    /**
     * As {@link #instantiate} but without running the start function: for a driver that runs it
     * itself as a suspendable activation ({@link Machine#start}), as the Lia VM does.
     */
    public Linked allocate(byte[] bytes, ImportResolver imports) {
        byte[] copy = bytes.clone();
        Module m = ModuleDecoder.decode(copy);
        Validator.validate(m);
        CompiledModule compiled = ModuleCompiler.compile(m);
        List<Extern> links = new ArrayList<>();
        ImportResolver recording = (module, name) -> {
            Extern e = imports.resolve(module, name);
            links.add(e);
            return e;
        };
        Instance instance;
        try {
            instance = Instantiator.instantiate(machine.store(), compiled, recording);
        } catch (Trap t) {
            // the instance exists (its segments ran part way): find it, it is the store's newest
            List<Instance> all = machine.store().instances();
            Instance newest = all.isEmpty() ? null : all.get(all.size() - 1);
            if (newest != null && newest.module() == m) record(copy, compiled, newest, links);
            throw t;
        }
        return record(copy, compiled, instance, links);
    }

    private Linked record(byte[] bytes, CompiledModule compiled, Instance instance, List<Extern> links) {
        if (links.size() != compiled.module().imports().size()) {
            throw new LinkException("the resolver was asked " + links.size() + " times for " + compiled.module().imports().size() + " imports");
        }
        Linked l = new Linked(bytes, sha256(bytes), compiled, instance, links);
        linked.add(l);
        return l;
    }

    /** The modules linked so far, in order. */
    public List<Linked> linked() {
        return List.copyOf(linked);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
