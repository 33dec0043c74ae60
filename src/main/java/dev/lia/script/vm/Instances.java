package dev.lia.script.vm;

import dev.lia.script.check.Signature;
import dev.lia.script.compile.ImportLinks;
import dev.lia.script.compile.Op;
import dev.lia.wasm.WasmException;
import dev.lia.wasm.Trap;
import dev.lia.wasm.exec.Machine;
import dev.lia.wasm.link.Imports;
import dev.lia.wasm.link.LateLinker;
import dev.lia.wasm.runtime.Extern;
import dev.lia.wasm.runtime.FunctionInstance;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.WasmFunction;

import java.util.List;
import java.util.function.IntToLongFunction;

/**
 * The instances a script makes with {@code instantiate(...)}. A script's instance value is the
 * instance's position in the store ({@link dev.lia.wasm.runtime.Store#instances()}), which a saved
 * and restored store keeps; the {@link LateLinker} keeps each module's bytes, hash and links.
 */
final class Instances {
    private final LateLinker linker;

    Instances(Machine machine) {
        this.linker = new LateLinker(machine);
    }

    /** The value a script holds for an instance: its position in the store. */
    static long handle(Instance instance) {
        return instance.store().instances().indexOf(instance);
    }

    /** The modules instantiated so far, in order. */
    List<LateLinker.Linked> linked() {
        return linker.linked();
    }

    /**
     * Instantiates {@code code} with the imports an {@code instantiate} operation names (its start
     * function is not run: the VM runs it as an activation it can suspend).
     *
     * @param main the script's module instance
     * @param slot the value of a variable slot of the running frame (an instance's handle)
     * @throws Vm.ScriptFailure if something named is missing or the module cannot be loaded or linked
     * @throws Trap             if an active segment does not fit
     */
    LateLinker.Linked instantiate(byte[] code, Op op, Instance main, IntToLongFunction slot) {
        Imports imports = Imports.none();
        for (ImportLinks.Link l : ImportLinks.decode(op.text())) {
            Extern e = switch (l.kind()) {
                case MEMORY -> main.memory(l.index());
                case TABLE -> main.table(l.index());
                case GLOBAL, EXPORT -> main.export(l.export());
                case INSTANCE -> get(slot.applyAsLong(l.index())).export(l.export());
            };
            if (e == null) {
                throw new Vm.ScriptFailure("cannot instantiate: " + l.module() + "." + l.name() + " is linked to "
                        + (l.kind() == ImportLinks.Kind.INSTANCE ? "an instance's export '" + l.export() + "', which it does not have"
                        : "the module's export '" + l.export() + "', which it does not have"));
            }
            imports = imports.with(l.module(), l.name(), e);
        }
        try {
            return linker.allocate(code, imports);
        } catch (Trap t) {
            throw t;
        } catch (WasmException e) { // malformed, invalid, unsupported, or a missing or mistyped import
            throw new Vm.ScriptFailure("cannot instantiate: " + e.getMessage());
        }
    }

    /** The export {@code op.text()} of the instance a script holds, checked to be wasm code of the type the call was compiled for. */
    FunctionInstance function(long handle, Op op) {
        Instance instance = get(handle);
        String name = op.text();
        Signature want = new Signature(op.types().subList(0, (int) op.a()), op.types().subList((int) op.a(), op.types().size()));
        if (!(instance.export(name) instanceof FunctionInstance f)) {
            throw new Vm.ScriptFailure("the instance has no exported function '" + name + "'; it exports: "
                    + (instance.exports().isEmpty() ? "nothing" : String.join(", ", instance.exports().keySet())));
        }
        Signature has = Signature.of(f.type());
        if (!want.equals(has)) {
            throw new Vm.ScriptFailure("the instance's export '" + name + "' is " + (has != null ? has : f.type())
                    + "; the script calls it as " + want);
        }
        if (!(f instanceof WasmFunction)) {
            throw new Vm.ScriptFailure("the instance's export '" + name + "' is a host function it imports; call it where it is defined");
        }
        return f;
    }

    private Instance get(long handle) {
        return linker.machine().store().instances().get((int) handle);
    }
}
