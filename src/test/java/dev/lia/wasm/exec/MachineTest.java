package dev.lia.wasm.exec;

import dev.lia.wasm.Trap;
import dev.lia.wasm.binary.ModuleDecoder;
import dev.lia.wasm.compile.CompiledModule;
import dev.lia.wasm.compile.ModuleCompiler;
import dev.lia.wasm.runtime.Extern;
import dev.lia.wasm.runtime.FunctionInstance;
import dev.lia.wasm.runtime.GlobalInstance;
import dev.lia.wasm.runtime.HostFunction;
import dev.lia.wasm.runtime.HostYield;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.Limits;
import dev.lia.wasm.runtime.Store;
import dev.lia.wasm.syntax.FuncType;
import dev.lia.wasm.syntax.ValType;
import dev.lia.wasm.valid.Validator;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The machine's activations, host calls, limits and traps, on the fixture module machine.wat. */
class MachineTest {
    private static final FuncType I32_TO_I32 = new FuncType(List.of(ValType.I32), List.of(ValType.I32));

    private static CompiledModule fixture() {
        try (InputStream in = MachineTest.class.getResourceAsStream("/wasm/machine.wasm")) {
            var module = ModuleDecoder.decode(in.readAllBytes());
            Validator.validate(module);
            return ModuleCompiler.compile(module);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instance instantiate(Machine machine, HostFunction ask) {
        Store store = machine.store();
        Extern askFn = ask == null ? store.yieldingFunction("ask", I32_TO_I32) : store.hostFunction("ask", I32_TO_I32, ask);
        return machine.instantiate(fixture(), (module, name) -> module.equals("env") && name.equals("ask") ? askFn : null);
    }

    private static int calls(Instance instance) {
        return (int) ((GlobalInstance) instance.export("calls")).get();
    }

    @Test
    void aYieldingImportSuspendsTwoFramesDeepAndResumes() {
        Machine machine = new Machine(new Store());
        Instance inst = instantiate(machine, null);
        machine.start(inst.exportedFunction("f"), 5);
        MachineOutcome outcome = machine.run();
        assertThat(outcome).isInstanceOf(MachineOutcome.HostCall.class);
        MachineOutcome.HostCall call = (MachineOutcome.HostCall) outcome;
        assertThat(call.function().name()).isEqualTo("ask");
        assertThat(call.args()).containsExactly(10);
        assertThat(machine.callDepth()).isEqualTo(2); // f and g wait for the answer
        MachineOutcome done = machine.resume(new long[] {32});
        assertThat(((MachineOutcome.Done) done).results()).containsExactly(33);
        assertThat(machine.isActive()).isFalse();
    }

    @Test
    void anotherActivationCanRunWhileOneIsSuspended() {
        Machine machine = new Machine(new Store());
        Instance inst = instantiate(machine, null);
        machine.start(inst.exportedFunction("f"), 1);
        MachineOutcome.HostCall call = (MachineOutcome.HostCall) machine.run();
        // the driver answers by calling another export, as a script's import handler would
        machine.start(inst.exportedFunction("double"), (int) call.args()[0]);
        long[] answer = ((MachineOutcome.Done) machine.run()).results();
        assertThat(answer).containsExactly(4);
        assertThat(((MachineOutcome.Done) machine.resume(answer)).results()).containsExactly(5);
    }

    @Test
    void aJavaHostMayCallBackIntoWasm() {
        Machine machine = new Machine(new Store());
        AtomicReference<Instance> self = new AtomicReference<>();
        Instance inst = instantiate(machine,
                (caller, args) -> machine.invoke(self.get().exportedFunction("double"), args[0]));
        self.set(inst);
        assertThat(machine.invoke(inst.exportedFunction("f"), 3)).containsExactly(13); // double(6) + 1
    }

    @Test
    void invokeAnswersYieldingCallsOnlyWhenSomeoneCan() {
        Machine machine = new Machine(new Store());
        Instance inst = instantiate(machine, null);
        assertThatThrownBy(() -> machine.invoke(inst.exportedFunction("f"), 1))
                .isInstanceOf(Trap.class).hasMessageContaining("ask");
        assertThat(machine.isActive()).isFalse();
        assertThat(machine.invoke(inst.exportedFunction("double"), 21)).containsExactly(42);
    }

    @Test
    void aHostThatYieldsSuspendsLikeAYieldingImport() {
        Machine machine = new Machine(new Store());
        Instance inst = instantiate(machine, (caller, args) -> {
            throw new HostYield("no input yet");
        });
        machine.start(inst.exportedFunction("f"), 4);
        MachineOutcome.HostCall call = (MachineOutcome.HostCall) machine.run();
        assertThat(call.args()).containsExactly(8);
        assertThat(((MachineOutcome.Done) machine.resume(new long[] {1})).results()).containsExactly(2);
    }

    @Test
    void unboundedRecursionTrapsAtTheConfiguredDepthEveryTime() {
        for (int run = 0; run < 2; run++) {
            Machine machine = new Machine(new Store(Limits.DEFAULT.withMaxCallDepth(500)));
            Instance inst = instantiate(machine, null);
            assertThatThrownBy(() -> machine.invoke(inst.exportedFunction("recurse")))
                    .isInstanceOf(Trap.class).hasMessage("call stack exhausted");
            assertThat(calls(inst)).isEqualTo(500);
            assertThat(machine.isActive()).isFalse();
            assertThat(machine.invoke(inst.exportedFunction("double"), 2)).containsExactly(4);
        }
    }

    @Test
    void largeFramesExhaustTheValueStackDeterministically() {
        Limits limits = new Limits(16, 100, 1_000_000, 64 * 1024);
        int first = -1;
        for (int run = 0; run < 2; run++) {
            Machine machine = new Machine(new Store(limits));
            Instance inst = instantiate(machine, null);
            assertThatThrownBy(() -> machine.invoke(inst.exportedFunction("fat"), 0))
                    .isInstanceOf(Trap.class).hasMessage("call stack exhausted");
            if (first < 0) first = calls(inst);
            assertThat(calls(inst)).isEqualTo(first).isLessThan(64 * 1024 / 33 + 1);
        }
    }

    @Test
    void trapsCarryABacktraceWithFunctionNames() {
        Machine machine = new Machine(new Store());
        Instance inst = instantiate(machine, null);
        assertThatThrownBy(() -> machine.invoke(inst.exportedFunction("divide"), 0))
                .isInstanceOfSatisfying(Trap.class, trap -> {
                    assertThat(trap.getMessage()).isEqualTo("integer divide by zero");
                    assertThat(trap.backtrace()).extracting(Trap.Frame::function).containsExactly("inner", "outer");
                    assertThat(trap.backtrace().get(0).byteOffset()).isPositive();
                });
    }

    @Test
    void memoryGrowthStopsAtTheDeclaredAndConfiguredMaximum() {
        Machine machine = new Machine(new Store(Limits.DEFAULT.withMaxMemoryPages(3)));
        Instance inst = instantiate(machine, null);
        FunctionInstance grow = inst.exportedFunction("grow");
        assertThat(machine.invoke(grow, 1)).containsExactly(1);
        assertThat(machine.invoke(grow, 2)).containsExactly(-1); // over the configured 3 pages
        assertThat(machine.invoke(grow, 1)).containsExactly(2);
        assertThat(inst.memory().pages()).isEqualTo(3);
    }

    @Test
    void multiValueAndBranchTables() {
        Machine machine = new Machine(new Store());
        Instance inst = instantiate(machine, null);
        assertThat(machine.invoke(inst.exportedFunction("swap"), 1, 2)).containsExactly(2, 1);
        assertThat(machine.invoke(inst.exportedFunction("pick"), 0)).containsExactly(13);
        assertThat(machine.invoke(inst.exportedFunction("pick"), 1)).containsExactly(12);
        assertThat(machine.invoke(inst.exportedFunction("pick"), 2)).containsExactly(10);
        assertThat(machine.invoke(inst.exportedFunction("pick"), -1)).containsExactly(10);
    }

    @Test
    void aSuspendedMachineIsDataThatAnotherMachineResumes() {
        Machine first = new Machine(new Store());
        Instance inst = instantiate(first, null);
        first.start(inst.exportedFunction("f"), 5);
        MachineOutcome.HostCall call = (MachineOutcome.HostCall) first.run();
        // a nested activation suspended too: two activations, three frames
        first.start(inst.exportedFunction("f"), 7);
        MachineOutcome.HostCall inner = (MachineOutcome.HostCall) first.run();
        MachineState state = first.snapshot();
        assertThat(state.frames()).hasSize(4);
        assertThat(state.activationStarts()).containsExactly(0, 2);
        assertThat(state.frames().get(0).resumeOffset()).isPositive();

        Machine second = new Machine(new Store());
        Instance copy = instantiate(second, null);
        second.restore(state);
        assertThat(second.snapshot()).isEqualTo(state);
        assertThat(((MachineOutcome.Done) second.resume(new long[] {inner.args()[0] + 1})).results()).containsExactly(16);
        assertThat(((MachineOutcome.Done) second.resume(new long[] {call.args()[0] + 1})).results()).containsExactly(12);
        assertThat(second.isActive()).isFalse();
        assertThat(copy.exportedFunction("f")).isNotNull();
    }

    @Test
    void aStartedButNotRunActivationIsCapturedAtEntry() {
        Machine first = new Machine(new Store());
        Instance inst = instantiate(first, null);
        first.start(inst.exportedFunction("pick"), 1);
        MachineState state = first.snapshot();
        assertThat(state.frames()).singleElement().satisfies(f -> assertThat(f.resumeOffset()).isEqualTo(MachineState.AT_ENTRY));
        Machine second = new Machine(new Store());
        instantiate(second, null);
        second.restore(state);
        assertThat(((MachineOutcome.Done) second.run()).results()).containsExactly(12);
    }
}
