package dev.lia.wasm.debug;

import dev.lia.cli.DebugText;

import dev.lia.wasm.Trap;
import dev.lia.wasm.compile.CompiledModule;
import dev.lia.wasm.compile.ModuleCompiler;
import dev.lia.wasm.exec.Machine;
import dev.lia.wasm.exec.MachineState;
import dev.lia.wasm.exec.MachineOutcome;
import dev.lia.wasm.runtime.Extern;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.Store;
import dev.lia.wasm.syntax.FuncType;
import dev.lia.wasm.syntax.Module;
import dev.lia.wasm.syntax.Opcode;
import dev.lia.wasm.syntax.ValType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every kind of stop and every inspection of {@link Debugger}, on a small text-format module. */
class DebuggerTest {
    static final String WAT = """
            (module
              (import "env" "ask" (func $ask (param i32) (result i32)))
              (memory (export "memory") 1)
              (data (i32.const 16) "hello")
              (global $calls (mut i32) (i32.const 0))
              (func $square (param $x i32) (result i32)
                global.get $calls
                i32.const 1
                i32.add
                global.set $calls
                local.get $x
                local.get $x
                i32.mul)
              (func $sum (export "sum") (param $n i32) (result i32) (local $i i32) (local $acc i32)
                block $done
                  loop $next
                    local.get $i
                    local.get $n
                    i32.ge_s
                    br_if $done
                    local.get $i
                    i32.const 1
                    i32.add
                    local.tee $i
                    call $square
                    local.get $acc
                    i32.add
                    local.set $acc
                    br $next
                  end
                end
                local.get $acc)
              (func $spin (export "spin") (loop $l br $l))
              (func $asks (export "asks") (param i32) (result i32)
                local.get 0
                call $ask
                call $square)
              (func $div (export "div") (param i32 i32) (result i32)
                local.get 0
                local.get 1
                i32.div_s))
            """;
    static final Module MODULE = Wat.module(WAT);
    static final int ASK = 0;
    static final int SQUARE = 1;
    static final int SUM = 2;
    static final int ASKS = 4;
    static final FuncType I32_TO_I32 = new FuncType(List.of(ValType.I32), List.of(ValType.I32));

    /** A machine with the module instantiated from its fast code; "ask" yields to the driver. */
    static Instance instantiate(Machine machine) {
        Extern ask = machine.store().yieldingFunction("ask", I32_TO_I32);
        return machine.instantiate(ModuleCompiler.compile(MODULE), (m, n) -> ask);
    }

    static long[] done(MachineOutcome o) {
        assertThat(o).isInstanceOf(MachineOutcome.Done.class);
        return ((MachineOutcome.Done) o).results();
    }

    static Stop paused(Debugger d, MachineOutcome o) {
        assertThat(o).isInstanceOf(MachineOutcome.Paused.class);
        Stop s = d.stop();
        assertThat(((MachineOutcome.Paused) o).byteOffset()).isEqualTo(s.top().byteOffset());
        return s;
    }

    @Test
    void aTrapIsAPostMortemStopWithTheFramesThatTrapped() {
        Machine machine = new Machine(new Store());
        Instance inst = instantiate(machine);
        Debugger d = Debugger.attach(machine, MODULE);
        List<String> seen = new java.util.ArrayList<>();
        d.onStop((debugger, stop) -> {
            seen.add(stop.reason() + " " + stop.trap().getMessage() + " " + instr(stop.top()) + " "
                    + stop.top().locals().stream().map(DebuggerTest::shownIndexed).toList() + " " + stop.top().stack().size());
            debugger.resume(); // whatever the handler does, the trap ends the run
        });
        assertThatThrownBy(() -> machine.invoke(inst.exportedFunction("div"), 7, 0)).isInstanceOf(dev.lia.wasm.Trap.class)
                .hasMessage("integer divide by zero");
        assertThat(seen).containsExactly("TRAP integer divide by zero i32.div_s [0 = i32:7, 1 = i32:0] 2");
        assertThat(machine.isActive()).isFalse();
        assertThat(machine.invoke(inst.exportedFunction("div"), 8, 2)).containsExactly(4L);
    }

    @Test
    void v128LocalsAndOperandsShowAsOneValueEach() {
        Module m = Wat.module("""
                (module
                  (global $g (mut v128) (v128.const i32x4 9 8 7 6))
                  (func $f (export "f") (param $v v128) (param $k i32) (result v128) (local $w v128) (local $after i32)
                    (local.set $after (i32.const 5))
                    (local.set $w (i32x4.splat (local.get $k)))
                    (i32x4.add (local.get $v) (local.get $w))
                    (local.get $k)
                    drop))
                """);
        Machine machine = new Machine(new Store());
        Instance inst = machine.instantiate(ModuleCompiler.compile(m), dev.lia.wasm.runtime.ImportResolver.NONE);
        Debugger d = Debugger.attach(machine, m);
        d.breakAt("f");
        machine.start(inst.exportedFunction("f"), 1, 2, 3);
        Stop s = paused(d, machine.run());
        assertThat(s.top().locals()).extracting(DebuggerTest::shown)
                .containsExactly("$v = v128:i32x4 1 0 2 0", "$k = i32:3", "$w = v128:i32x4 0 0 0 0", "$after = i32:0");
        for (int i = 0; i < 20 && !instr(s.top()).equals("drop"); i++) {
            d.stepInto();
            s = paused(d, machine.run());
        }
        assertThat(instr(s.top())).isEqualTo("drop");
        assertThat(s.top().locals()).extracting(DebuggerTest::shown)
                .containsExactly("$v = v128:i32x4 1 0 2 0", "$k = i32:3", "$w = v128:i32x4 3 3 3 3", "$after = i32:5");
        assertThat(s.top().stack()).extracting(DebuggerTest::shown).containsExactly("v128:i32x4 4 3 5 3", "i32:3");
        assertThat(d.globals()).extracting(DebuggerTest::shown).containsExactly("v128:i32x4 9 8 7 6");
        d.resume();
        assertThat(done(machine.run())).containsExactly(4L | (3L << 32), 5L | (3L << 32));
    }

    @Test
    void aFunctionBreakpointStopsAtItsFirstInstructionEveryCall() {
        Machine machine = new Machine(new Store());
        Instance inst = instantiate(machine);
        Debugger d = Debugger.attach(machine, MODULE);
        Breakpoint b = d.breakAt("square");
        machine.start(inst.exportedFunction("sum"), 3);
        for (int x = 1; x <= 3; x++) {
            Stop s = paused(d, machine.run());
            assertThat(s.reason()).isEqualTo(Stop.Reason.BREAKPOINT);
            assertThat(s.breakpoint()).isSameAs(b);
            FrameView top = s.top();
            assertThat(top.functionName()).isEqualTo("square");
            assertThat(top.functionIndex()).isEqualTo(SQUARE);
            assertThat(instr(top)).isEqualTo("global.get 0");
            assertThat(top.locals()).extracting(DebuggerTest::shown).containsExactly("$x = i32:" + x);
            assertThat(top.stack()).isEmpty();
            assertThat(s.frames()).extracting(FrameView::functionName).containsExactly("square", "sum");
            FrameView caller = s.frames().get(1);
            assertThat(caller.inCall()).isTrue();
            assertThat(instr(caller)).isEqualTo("call $square");
            assertThat(caller.locals()).extracting(DebuggerTest::shown)
                    .containsExactly("$n = i32:3", "$i = i32:" + x, "$acc = i32:" + ((x - 1) * x * (2 * x - 1) / 6));
            d.resume();
        }
        assertThat(done(machine.run())).containsExactly(14);
        assertThat(b.hits()).isEqualTo(3);
    }

    @Test
    void anOffsetBreakpointShowsTheTypedOperandStack() {
        Machine machine = new Machine(new Store());
        Instance inst = instantiate(machine);
        Debugger d = Debugger.attach(machine, MODULE);
        int mul = Wat.offset(MODULE, SQUARE, Opcode.I32_MUL);
        Breakpoint b = d.breakAt("square", mul);
        assertThat(b.description()).isEqualTo("square @0x" + Integer.toHexString(mul));
        machine.start(inst.exportedFunction("sum"), 2);
        Stop s = paused(d, machine.run());
        assertThat(s.top().byteOffset()).isEqualTo(mul);
        assertThat(instr(s.top())).isEqualTo("i32.mul");
        assertThat(s.top().stack()).extracting(DebuggerTest::shown).containsExactly("i32:1", "i32:1");
        d.remove(b);
        assertThat(done(machine.run())).containsExactly(5);
    }

    @Test
    void aBreakpointByModuleOffsetFindsItsFunction() {
        Machine machine = new Machine(new Store());
        Instance inst = instantiate(machine);
        Debugger d = Debugger.attach(machine, MODULE);
        int add = Wat.offsets(MODULE, SUM, Opcode.I32_ADD).get(1); // acc + square(i)
        d.breakAtOffset(add);
        machine.start(inst.exportedFunction("sum"), 2);
        Stop s = paused(d, machine.run());
        assertThat(s.top().functionName()).isEqualTo("sum");
        assertThat(s.top().stack()).extracting(DebuggerTest::shown).containsExactly("i32:1", "i32:0"); // square(1), acc
        int call = Wat.offset(MODULE, SUM, Opcode.CALL);
        assertThatThrownBy(() -> d.breakAtOffset(call + 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no instruction starts");
        assertThatThrownBy(() -> d.breakAt("nonesuch")).hasMessageContaining("no function nonesuch");
        assertThatThrownBy(() -> d.breakAt("ask")).hasMessageContaining("imported");
    }

    @Test
    void stepIntoGoesInstructionByInstructionAndIntoCalls() {
        Machine machine = new Machine(new Store());
        Instance inst = instantiate(machine);
        Debugger d = Debugger.attach(machine, MODULE);
        int call = Wat.offset(MODULE, SUM, Opcode.CALL);
        d.breakAt(SUM, call);
        machine.start(inst.exportedFunction("sum"), 1);
        Stop s = paused(d, machine.run());
        assertThat(s.top().stack()).extracting(DebuggerTest::shown).containsExactly("i32:1"); // the argument
        d.stepInto();
        s = paused(d, machine.run());
        assertThat(s.reason()).isEqualTo(Stop.Reason.STEP);
        assertThat(s.top().functionName()).isEqualTo("square");
        assertThat(s.frames()).hasSize(2);
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            seen.add(instr(s.top()));
            d.stepInto();
            s = paused(d, machine.run());
        }
        assertThat(seen).containsExactly("global.get 0", "i32.const 1", "i32.add", "global.set 0");
        assertThat(instr(s.top())).isEqualTo("local.get $x");
    }

    @Test
    void stepOverRunsACallToItsEnd() {
        Machine machine = new Machine(new Store());
        Instance inst = instantiate(machine);
        Debugger d = Debugger.attach(machine, MODULE);
        d.breakAt(SUM, Wat.offset(MODULE, SUM, Opcode.CALL));
        machine.start(inst.exportedFunction("sum"), 3);
        paused(d, machine.run());
        d.stepOver();
        Stop s = paused(d, machine.run());
        assertThat(s.reason()).isEqualTo(Stop.Reason.STEP);
        assertThat(s.top().functionName()).isEqualTo("sum");
        assertThat(instr(s.top())).isEqualTo("local.get $acc");
        assertThat(s.top().stack()).extracting(DebuggerTest::shown).containsExactly("i32:1"); // square(1)
        assertThat(s.frames()).hasSize(1);
    }

    @Test
    void stepOutStopsInTheCallerAfterTheCall() {
        Machine machine = new Machine(new Store());
        Instance inst = instantiate(machine);
        Debugger d = Debugger.attach(machine, MODULE);
        d.breakAt("square", Wat.offset(MODULE, SQUARE, Opcode.I32_MUL));
        machine.start(inst.exportedFunction("sum"), 3);
        paused(d, machine.run());
        d.stepOut();
        Stop s = paused(d, machine.run());
        assertThat(s.reason()).isEqualTo(Stop.Reason.STEP);
        assertThat(s.top().functionName()).isEqualTo("sum");
        assertThat(instr(s.top())).isEqualTo("local.get $acc");
        assertThat(s.top().stack()).extracting(DebuggerTest::shown).containsExactly("i32:1");
        // a breakpoint inside the next call wins over a step out
        d.stepOut(); // from sum: would run to the end, but square's breakpoint comes first
        s = paused(d, machine.run());
        assertThat(s.reason()).isEqualTo(Stop.Reason.BREAKPOINT);
        assertThat(s.top().locals().get(0).value().bits()).isEqualTo(2);
    }

    @Test
    void stepOverAtTheLastInstructionReturnsToTheCallerAndThenFinishes() {
        Machine machine = new Machine(new Store());
        Instance inst = instantiate(machine);
        Debugger d = Debugger.attach(machine, MODULE);
        d.stepInto(); // before the start: stop at the very first instruction
        machine.start(inst.exportedFunction("div"), 7, 2);
        Stop s = paused(d, machine.run());
        assertThat(instr(s.top())).isEqualTo("local.get 0");
        List<String> seen = new ArrayList<>();
        MachineOutcome o = null;
        while (true) {
            seen.add(instr(s.top()) + " " + s.top().stack().stream().map(DebuggerTest::shown).toList());
            d.stepOver();
            o = machine.run();
            if (o instanceof MachineOutcome.Done) break;
            s = paused(d, o);
        }
        assertThat(seen).containsExactly("local.get 0 []", "local.get 1 [i32:7]", "i32.div_s [i32:7, i32:2]", "end [i32:3]");
        assertThat(done(o)).containsExactly(3);
    }

    @Test
    void aPauseRequestFromAnotherThreadStopsARunawayLoop() throws Exception {
        Machine machine = new Machine(new Store());
        Instance inst = instantiate(machine);
        Debugger d = Debugger.attach(machine, MODULE);
        machine.start(inst.exportedFunction("spin"));
        ExecutorService runner = Executors.newSingleThreadExecutor();
        try {
            Future<MachineOutcome> outcome = runner.submit(machine::run);
            Thread.sleep(50);
            assertThat(outcome.isDone()).isFalse();
            d.requestPause();
            Stop s = paused(d, outcome.get(10, TimeUnit.SECONDS));
            assertThat(s.reason()).isEqualTo(Stop.Reason.PAUSE);
            assertThat(s.top().functionName()).isEqualTo("spin");
            assertThat(instr(s.top())).isEqualTo("br 0");
            d.abort();
            assertThat(machine.isActive()).isFalse();
            assertThat(done(runOn(machine, inst, "sum", 2))).containsExactly(5); // the machine is usable again
        } finally {
            runner.shutdownNow();
        }
    }

    private static MachineOutcome runOn(Machine machine, Instance inst, String export, long... args) {
        machine.start(inst.exportedFunction(export), args);
        return machine.run();
    }

    @Test
    void memoryAndGlobalsCanBeRead() {
        Machine machine = new Machine(new Store());
        Instance inst = instantiate(machine);
        Debugger d = Debugger.attach(machine, MODULE);
        d.breakAt("square", Wat.offset(MODULE, SQUARE, Opcode.I32_MUL));
        machine.start(inst.exportedFunction("sum"), 2);
        paused(d, machine.run());
        assertThat(new String(d.readMemory(16, 5), StandardCharsets.US_ASCII)).isEqualTo("hello");
        assertThat(d.globals()).extracting(DebuggerTest::shown).containsExactly("i32:1");
        assertThatThrownBy(() -> d.readMemory(65534, 4)).isInstanceOf(Trap.class);
    }

    @Test
    void theTracerSeesEveryInstruction() {
        Machine machine = new Machine(new Store());
        Instance inst = instantiate(machine);
        Debugger d = Debugger.attach(machine, MODULE);
        List<String> trace = new ArrayList<>();
        d.setTracer(e -> trace.add(e.function().name() + "@" + e.depth() + " " + DebugText.instruction(d.info().module(), e.function().index(), d.info().instructionAt(e.function().index(), e.byteOffset()))));
        assertThat(machine.invoke(inst.exportedFunction("div"), 9, 3)).containsExactly(3);
        assertThat(trace).containsExactly("div@1 local.get 0", "div@1 local.get 1", "div@1 i32.div_s", "div@1 end");
        trace.clear();
        assertThat(machine.invoke(inst.exportedFunction("sum"), 2)).containsExactly(5);
        assertThat(trace).hasSize(50).filteredOn(t -> t.startsWith("square@2")).hasSize(2 * 8);
    }

    @Test
    void stopsCanBeHandledInsideAnyDriver() {
        Machine machine = new Machine(new Store());
        Instance inst = instantiate(machine);
        Debugger d = Debugger.attach(machine, MODULE);
        d.breakAt("square");
        List<String> stops = new ArrayList<>();
        d.onStop((dbg, stop) -> {
            stops.add(stop.reason() + " " + stop.top().where() + " " + shown(stop.top().locals().get(0)));
            if (stop.reason() == Stop.Reason.BREAKPOINT) dbg.stepOut();
            else dbg.resume();
        });
        assertThat(machine.invoke(inst.exportedFunction("sum"), 2)).containsExactly(5);
        assertThat(stops).hasSize(4);
        assertThat(stops.get(0)).startsWith("BREAKPOINT square @0x").endsWith("$x = i32:1");
        assertThat(stops.get(1)).startsWith("STEP sum @0x").endsWith("$n = i32:2");
    }

    @Test
    void aHandlerCanAbortTheRun() {
        Machine machine = new Machine(new Store());
        Instance inst = instantiate(machine);
        Debugger d = Debugger.attach(machine, MODULE);
        d.breakAt("square");
        d.onStop((dbg, stop) -> dbg.abort());
        assertThatThrownBy(() -> machine.invoke(inst.exportedFunction("sum"), 2)).isInstanceOf(DebugAbort.class);
        assertThat(machine.isActive()).isFalse();
        d.onStop(null);
        d.remove(d.breakpoints().get(0));
        assertThat(machine.invoke(inst.exportedFunction("sum"), 2)).containsExactly(5);
    }

    @Test
    void attachingWhileSuspendedInAHostCallMovesTheFramesToDebugCode() {
        Machine machine = new Machine(new Store());
        Instance inst = instantiate(machine);
        machine.start(inst.exportedFunction("asks"), 6);
        MachineOutcome.HostCall call = (MachineOutcome.HostCall) machine.run(); // suspended in fast code
        Debugger d = Debugger.attach(machine, MODULE);
        assertThat(ModuleCompiler.isDebugCode(((dev.lia.wasm.runtime.WasmFunction) inst.exportedFunction("asks")).code())).isTrue();
        List<FrameView> frames = d.backtrace();
        assertThat(frames).hasSize(1);
        assertThat(instr(frames.get(0))).isEqualTo("call $ask");
        assertThat(frames.get(0).inCall()).isTrue();
        d.stepInto();
        Stop s = paused(d, machine.resume(new long[] {call.args()[0] + 1}));
        assertThat(instr(s.top())).isEqualTo("call $square");
        assertThat(s.top().stack()).extracting(DebuggerTest::shown).containsExactly("i32:7");
        d.detach(); // back to fast code, paused frame included
        assertThat(ModuleCompiler.isDebugCode(((dev.lia.wasm.runtime.WasmFunction) inst.exportedFunction("asks")).code())).isFalse();
        assertThat(done(machine.run())).containsExactly(49);
        assertThat(machine.debugHook()).isNull();
    }

    @Test
    void aPausedMachineIsDataThatResumesOnAnotherMachine() {
        Machine machine = new Machine(new Store());
        Instance inst = instantiate(machine);
        Debugger d = Debugger.attach(machine, MODULE);
        d.breakAt("square", Wat.offset(MODULE, SQUARE, Opcode.I32_MUL));
        machine.start(inst.exportedFunction("sum"), 4);
        paused(d, machine.run());
        paused(d, d.resume().machine().run()); // the second call of square
        MachineState state = machine.snapshot();
        long calls = inst.global(0).get();

        // mid-expression, fast code cannot take over (it keeps x in the local, not on the stack) ...
        Machine fast = new Machine(new Store());
        instantiate(fast);
        assertThatThrownBy(() -> fast.restore(state)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("restore it on debug code");
        assertThat(fast.isActive()).isFalse();
        // ... debug code can, with or without a debugger
        Machine other = new Machine(new Store());
        Extern ask = other.store().yieldingFunction("ask", I32_TO_I32);
        Instance copy = other.instantiate(Debugger.compile(MODULE), (m, n) -> ask);
        copy.global(0).set(calls);
        other.restore(state);
        assertThat(done(other.run())).containsExactly(30);
        // and the debugged machine finishes identically
        d.remove(d.breakpoints().get(0));
        assertThat(done(machine.run())).containsExactly(30);
        assertThat(inst.global(0).get()).isEqualTo(copy.global(0).get()).isEqualTo(4);
    }

    @Test
    void aStateTakenAtAControlTransferResumesOnFastCode() {
        Machine machine = new Machine(new Store());
        Instance inst = instantiate(machine);
        Debugger d = Debugger.attach(machine, MODULE);
        d.breakAt(SUM, Wat.offset(MODULE, SUM, Opcode.LOCAL_GET)); // the loop's first instruction: a jump target
        machine.start(inst.exportedFunction("sum"), 4);
        paused(d, machine.run());
        paused(d, d.resume().machine().run());
        MachineState state = machine.snapshot();
        Machine fast = new Machine(new Store());
        Instance copy = instantiate(fast);
        copy.global(0).set(inst.global(0).get());
        fast.restore(state);
        assertThat(done(fast.run())).containsExactly(30);
    }

    @Test
    void detachingMidExpressionKeepsThatFunctionInDebugCode() {
        Machine machine = new Machine(new Store());
        Instance inst = instantiate(machine);
        Debugger d = Debugger.attach(machine, MODULE);
        d.breakAt("square", Wat.offset(MODULE, SQUARE, Opcode.I32_MUL));
        machine.start(inst.exportedFunction("sum"), 3);
        paused(d, machine.run());
        d.detach();
        var square = (dev.lia.wasm.runtime.WasmFunction) inst.function(SQUARE);
        var sum = (dev.lia.wasm.runtime.WasmFunction) inst.function(SUM);
        assertThat(ModuleCompiler.isDebugCode(square.code())).isTrue();
        assertThat(ModuleCompiler.isDebugCode(sum.code())).isFalse();
        assertThat(done(machine.run())).containsExactly(14);
    }

    @Test
    void debugCodeFromTheStartAndInstancesCreatedLater() {
        Machine machine = new Machine(new Store());
        Debugger d = Debugger.attach(machine, MODULE); // no instance yet
        Extern ask = machine.store().yieldingFunction("ask", I32_TO_I32);
        CompiledModule debugCode = Debugger.compile(MODULE);
        Instance a = machine.instantiate(debugCode, (m, n) -> ask);
        Instance b = machine.instantiate(ModuleCompiler.compile(MODULE), (m, n) -> ask);
        d.breakAt("square");
        List<Instance> stoppedIn = new ArrayList<>();
        d.onStop((dbg, stop) -> stoppedIn.add(stop.top().instance()));
        machine.invoke(a.exportedFunction("sum"), 1);
        machine.invoke(b.exportedFunction("sum"), 1); // fast code: no stop
        d.instrument();
        machine.invoke(b.exportedFunction("sum"), 1);
        assertThat(stoppedIn).containsExactly(a, b);
    }

    @Test
    void invokeCannotGoOnAfterAPauseAndSaysSo() {
        Machine machine = new Machine(new Store());
        Instance inst = instantiate(machine);
        Debugger d = Debugger.attach(machine, inst);
        d.breakAt("square");
        assertThatThrownBy(() -> machine.invoke(inst.exportedFunction("sum"), 2)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Paused");
        assertThat(machine.isActive()).isFalse();
    }

    @Test
    void onlyOneDebuggerPerMachine() {
        Machine machine = new Machine(new Store());
        instantiate(machine);
        Debugger d = Debugger.attach(machine, MODULE);
        assertThat(Debugger.of(machine)).isSameAs(d);
        assertThatThrownBy(() -> Debugger.attach(machine, MODULE)).isInstanceOf(IllegalStateException.class);
        d.detach();
        assertThat(Debugger.of(machine)).isNull();
        assertThatThrownBy(d::instrument).isInstanceOf(IllegalStateException.class);
    }

    /** The frame's instruction as lia debug prints it. */
    private static String instr(FrameView f) {
        return DebugText.instruction(f);
    }

    /** {@code 0 = i32:7}: a local by index. */
    private static String shownIndexed(Variable v) {
        return v.index() + " = " + shown(v.value());
    }

    /** {@code $x = i32:1}: a local as lia debug prints it. */
    private static String shown(Variable v) {
        return v.label() + " = " + shown(v.value());
    }

    /** {@code i32:1}: a value as lia debug prints it, with its type. */
    private static String shown(DebugValue v) {
        return (v.type() == null ? "?" : v.type().text) + ":" + DebugText.value(v);
    }
}
