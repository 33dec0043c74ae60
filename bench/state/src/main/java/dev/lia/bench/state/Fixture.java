package dev.lia.bench.state;

import dev.lia.script.Lia;
import dev.lia.script.compile.Program;
import dev.lia.script.syntax.Source;
import dev.lia.script.value.Value;
import dev.lia.script.vm.Outcome;
import dev.lia.state.LiveSession;
import dev.lia.state.LoadedModule;
import dev.lia.wasm.binary.ModuleEncoder;
import dev.lia.wasm.text.TextFormat;

import java.util.Map;

/**
 * A session blocked on a request with 16 MiB of memory (256 pages), of which the first
 * {@code nonZeroPages} are filled with pseudo-random bytes (xorshift) and the rest are zero.
 */
final class Fixture {
    static final String WAT = """
            (module
              (memory (export "memory") 256 256)
              ;; fills the first n pages with xorshift32 output, 4 bytes at a time
              (func (export "fill") (param $pages i32)
                (local $p i32) (local $end i32) (local $x i32)
                (local.set $x (i32.const 2463534242))
                (local.set $end (i32.mul (local.get $pages) (i32.const 65536)))
                (block $done
                  (loop $l
                    (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
                    (local.set $x (i32.xor (local.get $x) (i32.shl (local.get $x) (i32.const 13))))
                    (local.set $x (i32.xor (local.get $x) (i32.shr_u (local.get $x) (i32.const 17))))
                    (local.set $x (i32.xor (local.get $x) (i32.shl (local.get $x) (i32.const 5))))
                    (i32.store (local.get $p) (i32.or (local.get $x) (i32.const 1)))
                    (local.set $p (i32.add (local.get $p) (i32.const 4)))
                    (br $l)))))
            """;
    static final String SCRIPT = """
            import i32 pages
            fill(pages)
            i32 answer = ext wait()
            return answer
            """;

    final LoadedModule module;
    final Program program;
    final LiveSession live;

    Fixture(int nonZeroPages) {
        module = LoadedModule.of(ModuleEncoder.encode(TextFormat.parseModule(WAT)));
        program = Lia.compile(new Source("fill.lia", SCRIPT), module.compiled());
        live = LiveSession.start(module);
        Outcome o = live.run(program, Map.of("pages", Value.i32(nonZeroPages)), LiveSession.UNLIMITED);
        if (!(o instanceof Outcome.Blocked)) throw new IllegalStateException("expected to block, got " + o);
    }

    Program program(String id) {
        return id.equals(program.id()) ? program : null;
    }
}
