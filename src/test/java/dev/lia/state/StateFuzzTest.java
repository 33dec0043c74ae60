package dev.lia.state;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.lia.script.compile.Program;
import dev.lia.wasm.runtime.Limits;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Fuzz target for saved states: the input is sealed as a hostile writer would (its length field set
 * and a correct SHA-256 appended, so the fuzzer gets past the envelope), then decoded and, against
 * a small module and its scripts, restored into a fresh engine. The only acceptable failure is a
 * {@link StateException}. The same input, framed as a session file's log, goes to
 * {@link SessionFile#decode}. Seeds: a state blocked in a request, one stopped out of fuel inside
 * wasm, and one blocked after a module made at run time was linked; and one per WebAssembly 3.0
 * feature over {@link #three()} (written by {@link #main}). See docs/security.md for fuzzing it.
 */
class StateFuzzTest {
    private record Target(LoadedModule module, Function<String, Program> programs) {}

    /** A small module (no data, so its state stays small) and two scripts: one blocks, one loops in wasm. */
    static Cases.Case tiny() {
        byte[] module = Cases.wat("""
                (module
                  (memory 1 4) (table 2 funcref) (elem (i32.const 0) $f)
                  (global $g (mut i64) (i64.const 0))
                  (func $f (export "f") (param i32) (result i32) (local i32)
                    (loop $l
                      (global.set $g (i64.add (global.get $g) (i64.const 1)))
                      (local.set 1 (i32.add (local.get 1) (call_indirect (param i32) (result i32) (local.get 0) (i32.const 1))))
                      (br_if $l (i32.gt_s (local.tee 0 (i32.sub (local.get 0) (i32.const 1))) (i32.const 0))))
                    (local.get 1))
                  (func $g (param i32) (result i32) (i32.mul (local.get 0) (i32.const 3)))
                  (elem (i32.const 1) $g))
                """);
        return new Cases.Case("tiny", module, List.of(
                new Cases.Script("ask.lia", "import i32 n\ni32 a = ext ask(n)\nreturn f(a + n)\n", Map.of("n", dev.lia.script.value.Value.i32(7))),
                new Cases.Script("spin.lia", "import i32 n\nr = f(n)\nreturn r, f(r % 100)\n", Map.of("n", dev.lia.script.value.Value.i32(100_000))),
                new Cases.Script("link.lia", "import i32 n\ninst = instantiate(\"" + LINKED + "\", env.memory = memory, env.f = f)\n"
                        + "i32 a = ext ask(n)\ni32 r = inst.g(a)\nreturn r\n", Map.of("n", dev.lia.script.value.Value.i32(5)))),
                List.of());
    }

    /**
     * A module made at run time (as a Lia string of {@code \\xHH} escapes), linked to the tiny module's
     * memory and {@code f}: a state blocked after it carries its bytes (the modules section).
     */
    private static final String LINKED = escaped(Cases.wat("""
            (module (import "env" "memory" (memory 1)) (import "env" "f" (func $f (param i32) (result i32)))
              (func (export "g") (param i32) (result i32) (i32.store (i32.const 8) (local.get 0)) (call $f (local.get 0))))
            """));

    private static String escaped(byte[] bytes) {
        StringBuilder s = new StringBuilder();
        for (byte b : bytes) s.append(String.format("\\x%02x", b & 0xFF));
        return s.toString();
    }

    /**
     * A module with a WebAssembly 3.0 feature per export, each blocked in a host call (a script's
     * handler asking the host) while its frame holds what the feature adds: GC objects (in a global
     * and a local), exnrefs (in a local and a table), v128 values (in a global and a local), two
     * memories of which one 64-bit; and a tail-call loop that runs out of fuel inside wasm. Their
     * states are this target's seeds ({@code three-*.state}).
     */
    static Cases.Case three() {
        byte[] module = Cases.wat("""
                (module
                  (import "env" "ask" (func $ask (param i32) (result i32)))
                  (type $pt (struct (field $x (mut i32)) (field $next (ref null $pt))))
                  (type $arr (array (mut i64)))
                  (tag $e (param i32))
                  (memory $m32 1 2)
                  (memory $m64 i64 1 2)
                  (table $exns 2 exnref)
                  (global $obj (mut (ref null $pt)) (ref.null $pt))
                  (global $vec (mut v128) (v128.const i32x4 1 2 3 4))
                  (func (export "gc") (param $n i32) (result i32)
                    (local $a (ref null $arr))
                    (global.set $obj (struct.new $pt (local.get $n) (struct.new $pt (i32.const 2) (ref.null $pt))))
                    (local.set $a (array.new $arr (i64.const 7) (local.get $n)))
                    (i32.add (call $ask (local.get $n)) (i32.wrap_i64 (array.get $arr (local.get $a) (i32.const 0)))))
                  (func (export "exn") (param $n i32) (result i32)
                    (local $x exnref)
                    (local.set $x (block $h (result exnref) (try_table (catch_all_ref $h) (throw $e (local.get $n))) (unreachable)))
                    (table.set $exns (i32.const 0) (local.get $x))
                    (drop (call $ask (local.get $n)))
                    (block $c (result i32) (try_table (catch $e $c) (throw_ref (local.get $x))) (unreachable)))
                  (func (export "simd") (param $n i32) (result i32)
                    (local $v v128)
                    (local.set $v (i32x4.splat (local.get $n)))
                    (global.set $vec (i32x4.add (global.get $vec) (local.get $v)))
                    (i32.add (call $ask (local.get $n)) (i32x4.extract_lane 2 (i32x4.mul (local.get $v) (global.get $vec)))))
                  (func (export "memories") (param $n i32) (result i32)
                    (i32.store $m32 (i32.const 8) (local.get $n))
                    (i64.store $m64 (i64.const 1000) (i64.extend_i32_u (local.get $n)))
                    (i32.add (call $ask (local.get $n)) (i32.add (i32.load $m32 (i32.const 8)) (i32.wrap_i64 (i64.load $m64 (i64.const 1000))))))
                  (func $count (param $n i32) (param $acc i64) (result i64)
                    (if (result i64) (i32.eqz (local.get $n)) (then (local.get $acc))
                      (else (return_call $count (i32.sub (local.get $n) (i32.const 1)) (i64.add (local.get $acc) (i64.extend_i32_u (local.get $n)))))))
                  (func (export "tail") (param $n i32) (result i64) (return_call $count (local.get $n) (i64.const 0))))
                """);
        String handler = "on env.ask(i32 x) -> i32 {\n    i32 a = ext question(x)\n    return a + 1\n}\n";
        List<Cases.Script> scripts = new java.util.ArrayList<>();
        for (String export : List.of("gc", "exn", "simd", "memories")) {
            scripts.add(new Cases.Script("three-" + export + ".lia", "import i32 n\n" + handler + "return " + export + "(n)\n",
                    Map.of("n", dev.lia.script.value.Value.i32(5))));
        }
        scripts.add(new Cases.Script("three-tail.lia", "import i32 n\n" + handler + "return tail(n)\n",
                Map.of("n", dev.lia.script.value.Value.i32(1_000_000))));
        return new Cases.Case("three", module, scripts, List.of());
    }

    private static final List<Target> TARGETS = List.of(target(tiny()), target(three()));

    private static Target target(Cases.Case c) {
        LoadedModule m = LoadedModule.of(c.module());
        Map<String, Program> programs = Cases.programs(c, m);
        return new Target(m, programs::get);
    }

    @FuzzTest(maxDuration = "2m")
    void load(byte[] input) {
        try {
            SessionFile f = SessionFile.decode(sessionFile(input), Limits.DEFAULT);
            f.session().key();
        } catch (StateException e) {
            if (e.getMessage() == null || e.getMessage().isEmpty()) throw new AssertionError("refusal without a message", e);
        }
        byte[] state = seal(input);
        for (Target t : TARGETS) {
            try {
                StateCodec.decode(state, Limits.DEFAULT);
                LiveSession.load(state, t.module(), Limits.DEFAULT, Map.of(), t.programs());
            } catch (StateException e) {
                if (e.getMessage() == null || e.getMessage().isEmpty()) throw new AssertionError("refusal without a message", e);
            }
        }
    }

    /** The 3.0 seeds are states the target really loads (so fuzzing starts from inside the format, not at its door). */
    @org.junit.jupiter.api.Test
    void featureSeedsLoadOverTheirModule() throws java.io.IOException {
        Target t = TARGETS.get(1);
        for (String name : List.of("gc", "exn", "simd", "memories", "tail")) {
            byte[] input = java.nio.file.Files.readAllBytes(java.nio.file.Path.of("src/test/resources/dev/lia/state/StateFuzzTestInputs/load/three-" + name + ".state"));
            LiveSession live = LiveSession.load(seal(input), t.module(), Limits.DEFAULT, Map.of(), t.programs());
            org.assertj.core.api.Assertions.assertThat(live.save()).as(name).isEqualTo(seal(input));
        }
    }

    /** The input as the log of a session file with no saved state, framed and checksummed as a hostile writer would. */
    static byte[] sessionFile(byte[] log) {
        int total = SessionFile.MAGIC.length + 4 + 8 + 4 + log.length + 32 + 4;
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(total).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put(SessionFile.MAGIC).putInt(SessionFile.VERSION).putLong(total).putInt(log.length).put(log);
        try {
            b.put(MessageDigest.getInstance("SHA-256").digest(log));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
        return b.putInt(0).array();
    }

    /** The input with its total length written at bytes 12..19 and its SHA-256 appended. */
    static byte[] seal(byte[] input) {
        if (input.length < StateCodec.HEADER) return input;
        byte[] b = Arrays.copyOf(input, input.length + 32);
        long total = b.length;
        for (int i = 0; i < 8; i++) b[12 + i] = (byte) (total >>> (8 * i));
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(Arrays.copyOf(b, input.length));
            System.arraycopy(h, 0, b, input.length, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
        return b;
    }

    /** Writes the seeds: each case's state where it first blocks, without its checksum. */
    public static void main(String[] args) throws Exception {
        java.nio.file.Path dir = java.nio.file.Path.of("src/test/resources/dev/lia/state/StateFuzzTestInputs/load");
        java.nio.file.Files.createDirectories(dir);
        for (Cases.Case k : List.of(tiny(), three())) {
            LoadedModule km = LoadedModule.of(k.module());
            Map<String, Program> kp = Cases.programs(k, km);
            for (Cases.Script s : k.scripts()) {
                LiveSession live = LiveSession.start(km);
                Program p = kp.values().stream().filter(x -> x.sourceName().equals(s.name())).findFirst().orElseThrow();
                System.out.println(s.name() + ": " + live.run(p, s.inputs(), 5_000));
                byte[] saved = live.save();
                java.nio.file.Files.write(dir.resolve(s.name().replace(".lia", ".state")), Arrays.copyOf(saved, saved.length - 32));
                if (!Arrays.equals(seal(Arrays.copyOf(saved, saved.length - 32)), saved)) throw new AssertionError("seal differs");
            }
        }
        Cases.Case c = tiny();
        LoadedModule m = LoadedModule.of(c.module());
        // a session file's log: the ask script blocked, then answered
        SessionRunner runner = new SessionRunner(m, new MemoryStateCache(4), Retention.NEVER);
        Cases.Script ask = c.scripts().get(0);
        SessionRunner.Step step = runner.run(Session.of(m, Limits.DEFAULT), runner.script(ask.name(), ask.source()), ask.inputs(), 5_000);
        step = runner.apply(step, new Session.Resolve("ask", List.of(dev.lia.script.value.Value.i32(3)), 5_000));
        byte[] file = SessionFile.of(m, step.session(), "done", null).encode();
        int logLength = java.nio.ByteBuffer.wrap(file, 20, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
        byte[] log = Arrays.copyOfRange(file, 24, 24 + logLength);
        if (!Arrays.equals(sessionFile(log), file)) throw new AssertionError("session file framing differs");
        java.nio.file.Files.write(dir.resolve("ask.session-log"), log);
    }
}
