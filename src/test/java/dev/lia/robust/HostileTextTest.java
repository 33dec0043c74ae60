package dev.lia.robust;

import dev.lia.script.Lia;
import dev.lia.script.check.ModuleInfo;
import dev.lia.script.syntax.CompileException;
import dev.lia.script.syntax.Source;
import dev.lia.wasm.Pipeline;
import dev.lia.wasm.text.TextFormat;
import dev.lia.wasm.text.TextFormatException;
import dev.lia.wasm.text.WastParser;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deeply nested text: the parsers recurse per level, so without a bound a hostile text overflows the
 * thread's stack. Each case runs on a thread with a small stack (256 KiB, less than any JVM's
 * default) and must end in the documented error.
 */
class HostileTextTest {
    private static Throwable onSmallStack(Runnable r) throws InterruptedException {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                r.run();
            } catch (Throwable e) {
                thrown.set(e);
            }
        }, "small-stack", 256 * 1024);
        t.start();
        t.join();
        return thrown.get();
    }

    @Test
    void watNestedBeyondTheCapIsAParseError() throws InterruptedException {
        int n = 150_000;
        String folded = "(module (func " + "(block ".repeat(n) + ")".repeat(n) + "))";
        assertThat(onSmallStack(() -> TextFormat.parseModule(folded)))
                .isInstanceOf(TextFormatException.class).hasMessageContaining("nesting too deep");
        String lists = "(module " + "(".repeat(n) + ")".repeat(n) + ")";
        assertThat(onSmallStack(() -> TextFormat.parseModule(lists))).isInstanceOf(TextFormatException.class);
        assertThat(onSmallStack(() -> WastParser.parse("deep.wast", "(assert_invalid " + "(".repeat(n) + ")".repeat(n) + " \"x\")")))
                .isInstanceOf(TextFormatException.class);
    }

    @Test
    void watNestedDeeperThanTheStackButWithinTheCapStillParses() throws InterruptedException {
        // the text reader retries on a large stack (DeepNesting)
        String folded = "(module (func " + "(block ".repeat(5_000) + ")".repeat(5_000) + "))";
        assertThat(onSmallStack(() -> TextFormat.parseModule(folded))).isNull();
    }

    @Test
    void deeplyNestedLiaIsACompileError() throws InterruptedException {
        int n = 50_000;
        String[] scripts = {
                "x = " + "(".repeat(n) + "1" + ")".repeat(n) + "\nreturn x\n",
                "x = 1" + " + 1".repeat(n) + "\nreturn x\n",
                "x = " + "-".repeat(n) + "1\nreturn x\n",
                "if 1 == 1 {\n".repeat(n) + "}\n".repeat(n) + "return 1\n",
        };
        for (String script : scripts) {
            Throwable t = onSmallStack(() -> Lia.compile(new Source("deep.lia", script), ModuleInfo.empty()));
            assertThat(t).isInstanceOf(CompileException.class);
        }
    }

    @Test
    void deeplyNestedBinaryBlocksAreFine() throws InterruptedException {
        // the binary side keeps explicit stacks: 100,000 nested blocks decode, validate and compile
        int n = 100_000;
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(0);
        for (int i = 0; i < n; i++) body.writeBytes(new byte[] {0x02, 0x40});
        for (int i = 0; i <= n; i++) body.write(0x0B);
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        m.writeBytes(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0, 1, 4, 1, 0x60, 0, 0, 3, 2, 1, 0});
        ByteArrayOutputStream code = new ByteArrayOutputStream();
        code.write(1);
        leb(code, body.size());
        code.writeBytes(body.toByteArray());
        m.write(10);
        leb(m, code.size());
        m.writeBytes(code.toByteArray());
        assertThat(onSmallStack(() -> Pipeline.load(m.toByteArray()))).isNull();
    }

    private static void leb(ByteArrayOutputStream out, int v) {
        do {
            int b = v & 0x7F;
            v >>>= 7;
            out.write(v != 0 ? b | 0x80 : b);
        } while (v != 0);
    }
}
