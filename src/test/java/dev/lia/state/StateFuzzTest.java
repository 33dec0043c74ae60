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
 * wasm, and one blocked after a module made at run time was linked (written by {@link #main}). See docs/security.md for fuzzing it.
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

    private static final List<Target> TARGETS = List.of(target(tiny()));

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
        Cases.Case c = tiny();
        LoadedModule m = LoadedModule.of(c.module());
        Map<String, Program> programs = Cases.programs(c, m);
        for (Cases.Script s : c.scripts()) {
            LiveSession live = LiveSession.start(m);
            Program p = programs.values().stream().filter(x -> x.sourceName().equals(s.name())).findFirst().orElseThrow();
            System.out.println(s.name() + ": " + live.run(p, s.inputs(), 5_000));
            byte[] saved = live.save();
            java.nio.file.Files.write(dir.resolve(s.name().replace(".lia", ".state")), Arrays.copyOf(saved, saved.length - 32));
            if (!Arrays.equals(seal(Arrays.copyOf(saved, saved.length - 32)), saved)) throw new AssertionError("seal differs");
        }
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
