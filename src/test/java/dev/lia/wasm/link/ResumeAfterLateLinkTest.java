package dev.lia.wasm.link;

import dev.lia.wasm.exec.Machine;
import dev.lia.wasm.exec.MachineState;
import dev.lia.wasm.exec.Outcome;
import dev.lia.wasm.runtime.Extern;
import dev.lia.wasm.runtime.ImportResolver;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.Instantiator;
import dev.lia.wasm.runtime.Memory;
import dev.lia.wasm.runtime.Store;
import dev.lia.wasm.runtime.Table;
import org.junit.jupiter.api.Test;

import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link LateLinker} keeps is enough to move a run suspended inside linked code to another
 * store: the program's module, then each linked module's bytes linked as recorded, in order, give
 * every function its old store address, so the table's contents and the machine's frames mean the
 * same there. (Saved sessions do this with the state package; this checks the records.)
 */
class ResumeAfterLateLinkTest {
    @Test
    void aRunStoppedInsideGeneratedCodeFinishesInStoresRebuiltFromTheRecords() {
        LateLinkerTest.JitProgram p = JitExampleTest.interpreting();
        int n = 12;
        int expected = p.call("run", n);
        LateLinker.Linked jit = JitExampleTest.link(p);
        assertThat(jit.sha256()).isEqualTo(LateLinker.sha256(jit.bytes()));

        Machine machine = p.machine();
        Instance original = p.instance();
        Instance program = original;
        machine.setFuel(200_000);
        machine.start(program.exportedFunction("run"), n);
        Outcome o = machine.run();
        int moves = 0;
        while (o instanceof Outcome.OutOfFuel) { // move to a new store at every stop
            MachineState state = machine.snapshot();
            boolean inGeneratedCode = state.frames().stream().anyMatch(f -> f.functionAddress() >= jit.instance().functions[0].address());
            if (inGeneratedCode) moves++;
            Machine next = new Machine(new Store());
            program = rebuild(next.store(), program, original, jit);
            next.restore(state);
            next.setFuel(200_000);
            machine = next;
            o = machine.run();
        }
        assertThat(moves).as("stops inside the generated code").isGreaterThan(3);
        assertThat(((Outcome.Done) o).results()).containsExactly(expected);
    }

    /**
     * The program's instance, then the linked one from its bytes and recorded links, in a new store,
     * with the contents {@code old} has; {@code original} is the instance the links were recorded against.
     */
    private static Instance rebuild(Store store, Instance old, Instance original, LateLinker.Linked linked) {
        Instance program = Instantiator.instantiate(store, JitExampleTest.JIT, ImportResolver.NONE);
        Memory from = old.memory();
        Memory to = program.memory();
        to.grow(from.pages() - to.pages());
        System.arraycopy(from.bytes, 0, to.bytes, 0, from.bytes.length);
        for (int i = 0; i < old.globals.length; i++) program.globals[i].value = old.globals[i].value;
        Table ta = old.tables[0];
        Table tb = program.tables[0];
        tb.grow(ta.size() - tb.size(), 0);
        System.arraycopy(ta.elements, 0, tb.elements, 0, ta.size());
        List<Extern> links = linked.links().stream()
                .map(e -> e == original.memory() ? (Extern) program.memory() : e == original.tables[0] ? program.tables[0] : null)
                .toList();
        Iterator<Extern> next = links.iterator();
        Instantiator.instantiate(store, LateLinkerTest.compile(linked.bytes()), (m, n) -> next.next());
        return program;
    }
}
