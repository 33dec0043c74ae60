package dev.lia.state;

import dev.lia.wasm.Trap;
import dev.lia.wasm.binary.ModuleEncoder;
import dev.lia.wasm.exec.Machine;
import dev.lia.wasm.exec.MachineOutcome;
import dev.lia.wasm.exec.Tier;
import dev.lia.wasm.runtime.HostFunctionInstance;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.Limits;
import dev.lia.wasm.runtime.Store;
import dev.lia.wasm.syntax.FuncType;
import dev.lia.wasm.syntax.ValType;
import dev.lia.wasm.text.TextFormat;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The GC heap in saved states. A program builds a cyclic list of structs (packed i8 and i16 fields, an i64,
 * an f64, an anyref holding an i31 or an array, an exnref), keeps them in globals (concrete-typed, externref
 * of an externalized array, exnref), tables (anyref, exnref), locals, the operand stack across a blocking
 * host call, and an exception's payload, while making garbage every iteration. It stops at every fuel
 * boundary and every host call; each stop is saved, loaded in a fresh store and resumed there. The run ends
 * as the one that never stopped, with the same state hashes at every stop and at the end.
 */
class GcStateTest {
    static final String WAT = """
            (module
              (import "env" "ask" (func $ask (param i32) (result i32)))
              (type $node (struct (field $v (mut i32)) (field $b (mut i8)) (field $h (mut i16)) (field $w i64) (field $f f64)
                                  (field $next (mut (ref null $node))) (field $any (mut anyref)) (field $x (mut exnref))))
              (type $nodes (array (mut (ref null $node))))
              (type $bytes (array (mut i8)))
              (type $mixed (array (mut anyref)))
              (tag $boom (param (ref null $node) i32))
              (global $head (export "head") (mut (ref null $node)) (ref.null $node))
              (global $all (mut (ref null $nodes)) (ref.null $nodes))
              (global $ext (mut externref) (ref.null extern))
              (global $exn (mut exnref) (ref.null exn))
              (table $t 4 anyref)
              (table $te 2 exnref)
              (func $garbage (param $k i32)
                (loop $l (if (local.get $k) (then
                  (drop (array.new_default $nodes (i32.const 3)))
                  (local.set $k (i32.sub (local.get $k) (i32.const 1)))
                  (br $l)))))
              (func $sum (param $n (ref null $node)) (param $count i32) (result i32)
                (local $acc i32)
                (loop $l (if (local.get $count) (then
                  (local.set $acc (i32.add (local.get $acc) (struct.get $node $v (local.get $n))))
                  (local.set $n (struct.get $node $next (local.get $n)))
                  (local.set $count (i32.sub (local.get $count) (i32.const 1)))
                  (br $l))))
                (local.get $acc))
              (func (export "run") (param $n i32) (param $junk i32) (result i32)
                (local $i i32) (local $cur (ref null $node)) (local $first (ref null $node)) (local $acc i32)
                (local $bs (ref null $bytes)) (local $tmp (ref null $node))
                ;; garbage, as much as asked for, and then no trace of how much: the parameter is cleared
                (call $garbage (local.get $junk))
                (local.set $junk (i32.const 0))
                (global.set $all (array.new_default $nodes (local.get $n)))
                (local.set $bs (array.new $bytes (i32.const 200) (local.get $n)))
                (loop $build
                  (drop (struct.new_default $node)) ;; garbage every iteration
                  (local.set $cur (struct.new $node (i32.add (local.get $i) (i32.const 10)) (i32.const 0x1ff) (i32.const -1) (i64.const -5)
                    (f64.const 1.5) (local.get $cur) (ref.i31 (local.get $i)) (global.get $exn)))
                  (array.set $nodes (global.get $all) (local.get $i) (local.get $cur))
                  (array.set $bytes (local.get $bs) (local.get $i) (i32.add (local.get $i) (i32.const 250)))
                  (if (i32.eqz (local.get $i)) (then (local.set $first (local.get $cur))))
                  ;; a node on the operand stack across a blocking host call
                  (local.set $acc (i32.add (local.get $acc) (call $sum (local.get $cur) (call $ask (local.get $i)))))
                  ;; an exception whose payload is a node, kept in a global, a table and the next node's field
                  (block $h (result (ref null $node) i32 exnref)
                    (try_table (catch_ref $boom $h) (throw $boom (local.get $first) (local.get $i)))
                    (unreachable))
                  (global.set $exn)
                  (local.set $acc (i32.add (local.get $acc)))
                  (local.set $tmp)
                  (table.set $te (i32.const 0) (global.get $exn))
                  (local.set $i (i32.add (local.get $i) (i32.const 1)))
                  (br_if $build (i32.lt_u (local.get $i) (local.get $n))))
                ;; close the cycle: the first node's next is the last
                (struct.set $node $next (local.get $first) (local.get $cur))
                (struct.set $node $any (local.get $first) (local.get $bs))
                (global.set $head (local.get $cur))
                (global.set $ext (extern.convert_any (local.get $bs)))
                (table.set $t (i32.const 0) (local.get $first))
                (table.set $t (i32.const 1) (ref.i31 (i32.const 77)))
                (table.set $t (i32.const 2) (array.new_fixed $mixed 3 (local.get $cur) (ref.i31 (i32.const 5)) (ref.null any)))
                (local.set $acc (i32.add (local.get $acc) (call $ask (i32.const 100))))
                (local.set $acc (i32.add (local.get $acc) (call $sum (global.get $head) (i32.mul (local.get $n) (i32.const 2)))))
                (local.set $acc (i32.add (local.get $acc) (struct.get_s $node $b (local.get $first))))
                (local.set $acc (i32.add (local.get $acc) (struct.get_u $node $h (ref.cast (ref $node) (table.get $t (i32.const 0))))))
                (local.set $acc (i32.add (local.get $acc)
                  (array.get_u $bytes (ref.cast (ref $bytes) (any.convert_extern (global.get $ext))) (i32.const 1))))
                (i32.add (local.get $acc)
                  (i31.get_s (ref.cast (ref i31) (struct.get $node $any (array.get $nodes (global.get $all) (i32.const 2))))))))
            """;

    static final LoadedModule MODULE = LoadedModule.of(ModuleEncoder.encode(TextFormat.parseModule(WAT)));
    static final FuncType ASK = new FuncType(List.of(ValType.I32), List.of(ValType.I32));
    static final int N = 5;

    record Run(long result, List<String> hashes, String finalHash) {}

    static Instance instantiate(Machine machine) {
        HostFunctionInstance ask = machine.store().yieldingFunction("env.ask", ASK);
        return machine.instantiate(MODULE.compiled(), (module, name) -> ask);
    }

    static byte[] save(Machine m) {
        long debt = Math.max(0, -m.fuel());
        return StateCodec.encode(Snapshots.capture(m.store(), m, List.of(MODULE), List.of(), debt, debt, null));
    }

    static Snapshots.Restored load(byte[] bytes) {
        return Snapshots.restore(StateCodec.decode(bytes, Limits.DEFAULT), List.of(MODULE), Limits.DEFAULT, Snapshots.HostFactory.YIELDING);
    }

    /** run(N, junk) with {@code step} fuel per slice; at every stop saves, and with {@code move} goes on in the loaded state. */
    static Run run(long step, boolean move, Tier tier, int junk) {
        Machine m = new Machine(new Store());
        m.setTier(tier);
        Instance inst = instantiate(m);
        m.setFuel(step);
        m.start(inst.exportedFunction("run"), N, junk);
        MachineOutcome o = m.run();
        List<String> hashes = new ArrayList<>();
        while (!(o instanceof MachineOutcome.Done)) {
            byte[] bytes = save(m);
            hashes.add(StateCodec.hashText(bytes));
            if (move) {
                Snapshots.Restored r = load(bytes);
                assertThat(save(r.machine())).as("loaded and saved again: the same bytes").isEqualTo(bytes);
                long fuel = m.fuel();
                m = r.machine();
                m.setFuel(fuel);
                m.setTier(tier);
            }
            if (o instanceof MachineOutcome.HostCall call) {
                o = m.resume(new long[] {call.args()[0] == 100 ? 1000 : call.args()[0]});
            } else {
                m.addFuel(step);
                o = m.run();
            }
        }
        m.setFuel(0);
        return new Run(((MachineOutcome.Done) o).results()[0], hashes, StateCodec.hashText(save(m)));
    }

    static long expected() {
        // acc: per node i, the sum of the i nodes below it (values 10..) plus the payload i; then 1000 from the last ask
        long acc = 0;
        for (int i = 0; i < N; i++) {
            for (int k = 0; k < i; k++) acc += 10 + (i - k);
            acc += i;
        }
        acc += 1000;
        long cycle = 0;
        for (int k = 0; k < 2 * N; k++) cycle += 10 + (N - 1 - (k % N));
        return acc + cycle + (-1) + 0xFFFF + (251 & 0xFF) + 2;
    }

    @Test
    void everyStopSavesLoadsAndResumesAsTheStraightRun() {
        Run straight = run(Machine.UNLIMITED, false, Tier.INTERP, 2);
        assertThat(straight.result()).isEqualTo(expected());
        assertThat(straight.hashes()).hasSize(N + 1); // one host call per node, one at the end
        for (long step : new long[] {1, 5, 13}) {
            Run kept = run(step, false, Tier.INTERP, 2);
            Run moved = run(step, true, Tier.INTERP, 2);
            assertThat(kept.result()).isEqualTo(straight.result());
            assertThat(moved.result()).isEqualTo(straight.result());
            assertThat(moved.hashes()).as("step " + step).isEqualTo(kept.hashes());
            assertThat(moved.finalHash()).isEqualTo(kept.finalHash()).isEqualTo(straight.finalHash());
            assertThat(moved.hashes().size()).isGreaterThan(50);
        }
        Run auto = run(7, true, Tier.AUTO, 2);
        assertThat(auto.hashes()).as("any tier").isEqualTo(run(7, false, Tier.INTERP, 2).hashes());
        assertThat(auto.result()).isEqualTo(straight.result());
    }

    @Test
    void garbageDoesNotChangeTheStateHash() {
        // at each host call, a run that made much more garbage is in an equal state: equal bytes, fuel aside
        Machine a = new Machine(new Store());
        Machine b = new Machine(new Store());
        Instance ia = instantiate(a);
        Instance ib = instantiate(b);
        a.start(ia.exportedFunction("run"), N, 0);
        b.start(ib.exportedFunction("run"), N, 40);
        MachineOutcome oa = a.run(), ob = b.run();
        for (int k = 0; k <= N; k++) {
            assertThat(oa).isInstanceOf(MachineOutcome.HostCall.class);
            assertThat(b.store().heap().size()).isGreaterThan(a.store().heap().size());
            assertThat(StateCodec.hashText(save(b))).as("stop " + k).isEqualTo(StateCodec.hashText(save(a)));
            long answer = ((MachineOutcome.HostCall) oa).args()[0];
            oa = a.resume(new long[] {answer == 100 ? 1000 : answer});
            ob = b.resume(new long[] {answer == 100 ? 1000 : answer});
        }
        assertThat(((MachineOutcome.Done) ob).results()).isEqualTo(((MachineOutcome.Done) oa).results());
        assertThat(StateCodec.hashText(save(b))).isEqualTo(StateCodec.hashText(save(a)));
        // what a loaded state holds is only what is reachable
        Snapshots.Restored r = load(save(b));
        assertThat(r.store().heap().size()).isLessThan(b.store().heap().size())
                .as("the run without garbage reaches every object it made but one per node").isEqualTo(a.store().heap().size() - N);
    }

    @Test
    void theNumberingFollowsTheWalkNotTheOrderOfAllocation() {
        String wat = """
                (module
                  (type $pair (struct (field (mut anyref)) (field (mut anyref))))
                  (global $g (export "g") (mut anyref) (ref.null any))
                  (func (export "ab") ;; a's second field is b, b's first is a: a cycle, a made first
                    (local $a (ref $pair)) (local $b (ref $pair))
                    (local.set $a (struct.new $pair (ref.i31 (i32.const 1)) (ref.null any)))
                    (local.set $b (struct.new $pair (local.get $a) (ref.i31 (i32.const 2))))
                    (struct.set $pair 1 (local.get $a) (local.get $b))
                    (global.set $g (local.get $a)))
                  (func (export "ba") ;; the same graph, b made first
                    (local $a (ref null $pair)) (local $b (ref $pair))
                    (local.set $b (struct.new $pair (ref.null any) (ref.i31 (i32.const 2))))
                    (local.set $a (struct.new $pair (ref.i31 (i32.const 1)) (local.get $b)))
                    (struct.set $pair 0 (local.get $b) (local.get $a))
                    (global.set $g (local.get $a))))
                """;
        LoadedModule module = LoadedModule.of(ModuleEncoder.encode(TextFormat.parseModule(wat)));
        byte[][] states = new byte[2][];
        for (int k = 0; k < 2; k++) {
            Machine m = new Machine(new Store());
            Instance inst = m.instantiate(module.compiled(), (mod, name) -> null);
            m.start(inst.exportedFunction(k == 0 ? "ab" : "ba"));
            assertThat(m.run()).isInstanceOf(MachineOutcome.Done.class);
            states[k] = StateCodec.encode(Snapshots.capture(m.store(), m, List.of(module), List.of(), 0, 0, null));
        }
        assertThat(states[1]).isEqualTo(states[0]);
        EngineState s = StateCodec.decode(states[0], Limits.DEFAULT);
        assertThat(s.heap().objects()).hasSize(2);
        assertThat(s.globals().get(0).value()).as("the global reaches object 0 first").isEqualTo(dev.lia.wasm.runtime.Ref.object(0));
        assertThat(states[0][8]).isEqualTo((byte) StateCodec.VERSION);
        // loaded, the cycle is a cycle: a.1.0 is a
        Snapshots.Restored r = Snapshots.restore(s, List.of(module), Limits.DEFAULT, Snapshots.HostFactory.YIELDING);
        Store store = r.store();
        long a = store.global(0).get();
        long b = store.heap().get(a).slots()[1];
        assertThat(store.heap().get(b).slots()[0]).isEqualTo(a);
        assertThat(store.heap().slots()).isEqualTo(2 * 3);
    }

    @Test
    void aPassiveSegmentKeepsTheIdentityOfItsObjects() {
        String wat = """
                (module
                  (import "env" "ask" (func $ask (param i32) (result i32)))
                  (type $box (struct (field (mut i32))))
                  (type $boxes (array (mut (ref null $box))))
                  (table $t 1 (ref null $box))
                  (elem $seg (ref null $box) (item (struct.new $box (i32.const 7))))
                  (func (export "run") (result i32)
                    (table.init $t $seg (i32.const 0) (i32.const 0) (i32.const 1))
                    (struct.set $box 0 (table.get $t (i32.const 0)) (call $ask (i32.const 0)))
                    ;; the segment's object is the table's, changed field and all
                    (i32.add (ref.eq (table.get $t (i32.const 0)) (array.get $boxes (array.new_elem $boxes $seg (i32.const 0) (i32.const 1)) (i32.const 0)))
                             (struct.get $box 0 (array.get $boxes (array.new_elem $boxes $seg (i32.const 0) (i32.const 1)) (i32.const 0))))))
                """;
        LoadedModule module = LoadedModule.of(ModuleEncoder.encode(TextFormat.parseModule(wat)));
        long[] results = new long[2];
        for (int k = 0; k < 2; k++) {
            Machine m = new Machine(new Store());
            HostFunctionInstance ask = m.store().yieldingFunction("env.ask", ASK);
            Instance inst = m.instantiate(module.compiled(), (mod, name) -> ask);
            m.start(inst.exportedFunction("run"));
            MachineOutcome o = m.run();
            if (k == 1) {
                byte[] bytes = StateCodec.encode(Snapshots.capture(m.store(), m, List.of(module), List.of(), 0, 0, null));
                EngineState s = StateCodec.decode(bytes, Limits.DEFAULT);
                assertThat(s.heap().segments()).hasSize(1);
                m = Snapshots.restore(s, List.of(module), Limits.DEFAULT, Snapshots.HostFactory.YIELDING).machine();
            }
            results[k] = ((MachineOutcome.Done) m.resume(new long[] {40})).results()[0];
        }
        assertThat(results[0]).isEqualTo(41);
        assertThat(results[1]).isEqualTo(results[0]);
    }

    @Test
    void v128FieldsSaveAsTheirSixteenBytes() {
        String wat = """
                (module
                  (import "env" "ask" (func $ask (param i32) (result i32)))
                  (type $s (struct (field (mut v128)) (field i8) (field (mut v128))))
                  (type $a (array (mut v128)))
                  (global $g (mut (ref null $s)) (ref.null $s))
                  (func (export "run") (result i32)
                    (local $x (ref $a))
                    (global.set $g (struct.new $s (v128.const i32x4 1 2 3 4) (i32.const 300) (v128.const i64x2 -1 0x7fffffffffffffff)))
                    (local.set $x (array.new $a (v128.const i32x4 5 6 7 8) (i32.const 3)))
                    (array.set $a (local.get $x) (i32.const 1) (struct.get $s 2 (global.get $g)))
                    (drop (call $ask (i32.const 0)))
                    (i32.add (i32.add (i32x4.extract_lane 3 (struct.get $s 0 (global.get $g))) (struct.get_u $s 1 (global.get $g)))
                             (i32.add (i32x4.extract_lane 3 (array.get $a (local.get $x) (i32.const 1)))
                                      (i32x4.extract_lane 2 (array.get $a (local.get $x) (i32.const 2)))))))
                """;
        LoadedModule module = LoadedModule.of(ModuleEncoder.encode(TextFormat.parseModule(wat)));
        Machine m = new Machine(new Store());
        HostFunctionInstance ask = m.store().yieldingFunction("env.ask", ASK);
        Instance inst = m.instantiate(module.compiled(), (mod, name) -> ask);
        m.start(inst.exportedFunction("run"));
        assertThat(m.run()).isInstanceOf(MachineOutcome.HostCall.class);
        byte[] bytes = StateCodec.encode(Snapshots.capture(m.store(), m, List.of(module), List.of(), 0, 0, null));
        EngineState s = StateCodec.decode(bytes, Limits.DEFAULT);
        assertThat(s.heap().objects()).extracting(o -> o.fields().length).containsExactly(16 + 1 + 16, 3 * 16);
        Snapshots.Restored r = Snapshots.restore(s, List.of(module), Limits.DEFAULT, Snapshots.HostFactory.YIELDING);
        assertThat(StateCodec.encode(Snapshots.capture(r.store(), r.machine(), List.of(module), List.of(), 0, 0, null))).isEqualTo(bytes);
        long straight = ((MachineOutcome.Done) m.resume(new long[] {0})).results()[0];
        assertThat(straight).isEqualTo(4 + 44 + 0x7fffffff + 7);
        assertThat(((MachineOutcome.Done) r.machine().resume(new long[] {0})).results()[0]).isEqualTo(straight);
    }

    @Test
    void theHeapCapCountsTheLoadedObjects() {
        String wat = """
                (module
                  (import "env" "ask" (func $ask (param i32) (result i32)))
                  (type $a (array (mut i64)))
                  (global $keep (mut (ref null $a)) (ref.null $a))
                  (func (export "run") (param $len i32) (result i32)
                    (global.set $keep (array.new_default $a (i32.const 1000)))
                    (drop (array.new_default $a (i32.const 5000))) ;; garbage: not in the saved state
                    (drop (call $ask (i32.const 0)))
                    (array.len (array.new_default $a (local.get $len)))))
                """;
        LoadedModule module = LoadedModule.of(ModuleEncoder.encode(TextFormat.parseModule(wat)));
        Machine m = new Machine(new Store());
        HostFunctionInstance ask = m.store().yieldingFunction("env.ask", ASK);
        Instance inst = m.instantiate(module.compiled(), (mod, name) -> ask);
        long cap = Store.GC_HEAP_SLOTS;
        int len = (int) (cap - 1001); // with the loaded 1001 slots, one more than the cap holds
        m.start(inst.exportedFunction("run"), len);
        assertThat(m.run()).isInstanceOf(MachineOutcome.HostCall.class);
        assertThat(m.store().heap().slots()).isEqualTo(1001 + 5001);
        Snapshots.Restored r = Snapshots.restore(StateCodec.decode(StateCodec.encode(Snapshots.capture(m.store(), m, List.of(module), List.of(), 0, 0, null)),
                Limits.DEFAULT), List.of(module), Limits.DEFAULT, Snapshots.HostFactory.YIELDING);
        assertThat(r.store().heap().slots()).as("the loaded heap's accounting: what it holds").isEqualTo(1001);
        assertThatThrownBy(() -> r.machine().resume(new long[] {0})).isInstanceOf(Trap.class).hasMessageContaining("resource limit exceeded");
    }

    @Test
    void damagedHeapSectionsAreRefusedWithOneMessage() {
        Machine m = new Machine(new Store());
        Instance inst = instantiate(m);
        m.start(inst.exportedFunction("run"), N, 1);
        MachineOutcome o = m.run();
        for (int k = 0; k < N; k++) o = m.resume(new long[] {((MachineOutcome.HostCall) o).args()[0]});
        byte[] good = save(m);
        int heapAt = heapSection(good);
        int refused = 0, loaded = 0;
        for (int at = heapAt; at < good.length - 32; at++) {
            for (int delta : new int[] {1, 0x80}) {
                byte[] bad = good.clone();
                bad[at] = (byte) (bad[at] + delta);
                StateCodecTest.reseal(bad);
                try {
                    load(bad);
                    loaded++;
                } catch (StateException e) {
                    assertThat(e.getMessage()).doesNotContain("Exception").doesNotContain("\n");
                    refused++;
                }
            }
        }
        assertThat(refused).isGreaterThan(loaded / 4);
        // a few named ones
        EngineState s = StateCodec.decode(good, Limits.DEFAULT);
        EngineState.HeapObject o0 = s.heap().objects().get(0);
        assertThat(refusal(withObject(s, 0, new EngineState.HeapObject(o0.module(), 99, o0.length(), o0.fields()))))
                .isEqualTo("malformed: object 0 is of type 99 of module 0, which does not exist");
        assertThat(refusal(withObject(s, 0, new EngineState.HeapObject(o0.module(), o0.type(), o0.length(), new byte[3]))))
                .startsWith("malformed: object 0 has 3 bytes of fields");
        assertThat(refusal(withGlobal(s, 0, dev.lia.wasm.runtime.Ref.object(1000)))).isEqualTo("malformed: global 0 refers to GC object 1000, of "
                + s.heap().objects().size());
    }

    private static String refusal(EngineState s) {
        try {
            Snapshots.restore(StateCodec.decode(StateCodec.encode(s), Limits.DEFAULT), List.of(MODULE), Limits.DEFAULT, Snapshots.HostFactory.YIELDING);
        } catch (StateException e) {
            return e.getMessage();
        }
        throw new AssertionError("loaded");
    }

    private static EngineState withObject(EngineState s, int i, EngineState.HeapObject o) {
        List<EngineState.HeapObject> objects = new ArrayList<>(s.heap().objects());
        objects.set(i, o);
        return with(s, new EngineState.Heap(s.heap().exceptions(), objects, s.heap().segments()), s.globals());
    }

    private static EngineState withGlobal(EngineState s, int address, long value) {
        List<EngineState.GlobalData> globals = new ArrayList<>(s.globals());
        EngineState.GlobalData g = globals.get(address);
        globals.set(address, new EngineState.GlobalData(g.host(), g.type(), value, g.high()));
        return with(s, s.heap(), globals);
    }

    private static EngineState with(EngineState s, EngineState.Heap heap, List<EngineState.GlobalData> globals) {
        return new EngineState(s.limits(), s.modules(), s.carried(), s.functionCount(), s.hostFunctions(), s.memories(), s.tables(), globals,
                s.instances(), s.machine(), s.fuelUsed(), s.fuelDebt(), s.script(), s.hostStates(), heap);
    }

    /** The offset of the heap section's content (after its id and length). */
    private static int heapSection(byte[] b) {
        int at = StateCodec.HEADER;
        while (b[at] != 12) at += 5 + (b[at + 1] & 0xFF | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF) << 16 | (b[at + 4] & 0xFF) << 24);
        return at + 5;
    }
}
