package dev.lia.wasm.exec;

import dev.lia.wasm.Pipeline;
import dev.lia.wasm.binary.ModuleEncoder;
import dev.lia.wasm.runtime.ImportResolver;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.Store;
import dev.lia.wasm.runtime.WasmFunction;
import dev.lia.wasm.text.TextFormat;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compiled tier leaves functions with tail calls to the interpreter (whose frames are data, so a
 * tail-call loop takes no Java stack) and says so in the reasons {@code --stats} prints, not as a
 * bare internal opcode; the rest of the module is compiled and calls into them.
 */
class TailCallLeftReasonTest {
    private static final String WAT = """
            (module
              (type $t (func (param i32) (result i32)))
              (table 1 funcref)
              (elem (i32.const 0) $odd)
              (elem declare func $even)
              (func $even (param i32) (result i32)
                (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 1))
                  (else (return_call_indirect (type $t) (i32.sub (local.get 0) (i32.const 1)) (i32.const 0)))))
              (func $odd (param i32) (result i32)
                (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
                  (else (return_call_ref $t (i32.sub (local.get 0) (i32.const 1)) (ref.func $even)))))
              (func $direct (param i32) (result i32) (return_call $even (local.get 0)))
              (func (export "parity") (param i32) (result i32) (i32.add (i32.const 10) (call $direct (local.get 0)))))
            """;

    private static final String REASON = "tail calls (return_call, return_call_indirect and return_call_ref run in the interpreter)";

    @Test
    void tailCallsRunInTheInterpreterWithAClearReasonAndAMillionDeepLoopWorks() {
        Map<String, Long> reasonsBefore = Tiering.leftReasons(); // counted per process: other tests add theirs
        long before = reasonsBefore.getOrDefault(REASON, 0L);
        long[] totals = Tiering.totals();
        Machine m = new Machine(new Store());
        m.setTier(Tier.COMPILED);
        Instance inst = m.instantiate(Pipeline.load(ModuleEncoder.encode(TextFormat.parseModule(WAT))), ImportResolver.NONE);
        assertThat(m.invoke(inst.exportedFunction("parity"), 1_000_001)).containsExactly(10L); // odd: 0
        assertThat(m.invoke(inst.exportedFunction("parity"), 1_000_000)).containsExactly(11L);
        Map<String, Long> reasons = Tiering.leftReasons();
        assertThat(reasons.getOrDefault(REASON, 0L) - before).as("reasons: " + reasons).isEqualTo(3);
        assertThat(Tiering.totals()[1] - totals[1]).as("functions left").isEqualTo(3);
        assertThat(reasons.keySet()).filteredOn(why -> !reasons.get(why).equals(reasonsBefore.get(why)))
                .as("the reasons this module added").containsExactly(REASON);
        assertThat(((WasmFunction) inst.function(3)).jvmCode()).as("the export, compiled").isNotNull();
        for (int i = 0; i < 3; i++) assertThat(((WasmFunction) inst.function(i)).jvmCode()).as("function " + i).isNull();
    }
}
