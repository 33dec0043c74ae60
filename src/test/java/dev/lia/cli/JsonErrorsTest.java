package dev.lia.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 16, defect 6: with --json every error is one JSON object on standard output, as every outcome is. */
class JsonErrorsTest {
    static final String DEMO = Path.of("examples/demo/demo.wasm").toAbsolutePath().toString();

    @TempDir
    Path dir;

    /** Exactly one line on stdout, a JSON object of outcome "error" with the message and the exit status. */
    static void oneErrorObject(LiaCli.Result r, int exit, String messagePart) {
        assertThat(r.exit()).isEqualTo(exit);
        assertThat(r.out().lines().count()).as(r.transcript()).isEqualTo(1);
        assertThat(r.out()).startsWith("{\"outcome\":\"error\",\"message\":\"").endsWith(",\"exit\":" + exit + "}\n").contains(messagePart);
    }

    @Test
    void aMissingScriptOrModuleFile() throws Exception {
        oneErrorObject(LiaCli.run("run", dir.resolve("none.lia").toString(), "--module", DEMO, "--json"), 2, "none.lia");
        Path s = Files.writeString(dir.resolve("s.lia"), "return 1");
        oneErrorObject(LiaCli.run("run", s.toString(), "--module", dir.resolve("none.wasm").toString(), "--json"), 2, "none.wasm");
    }

    @Test
    void aMissingArg() throws Exception {
        Path s = Files.writeString(dir.resolve("s.lia"), "import i32 n\nreturn n");
        LiaCli.Result r = LiaCli.run("run", s.toString(), "--module", DEMO, "--json");
        oneErrorObject(r, 2, "missing input 'n' (i32): give --arg n=VALUE");
        assertThat(r.err()).contains("missing input 'n'");
    }

    @Test
    void aMalformedModule() throws Exception {
        Path s = Files.writeString(dir.resolve("s.lia"), "return 1");
        Path m = Files.write(dir.resolve("bad.wasm"), new byte[] {0, 'a', 's', 'm', 9, 0, 0, 0});
        oneErrorObject(LiaCli.run("run", s.toString(), "--module", m.toString(), "--json"), 2, "malformed");
    }

    @Test
    void aUsageError() {
        oneErrorObject(LiaCli.run("run", "--json", "--no-such-option"), 2, "SCRIPT.lia");
        oneErrorObject(LiaCli.run("run", "s.lia", "--json", "--no-such-option"), 2, "--no-such-option");
        oneErrorObject(LiaCli.run("resume", "--json"), 2, "FILE");
    }

    @Test
    void badSessionFilesAndAnswers() throws Exception {
        Path ses = Files.writeString(dir.resolve("x.ses"), "not a session");
        oneErrorObject(LiaCli.run("resume", ses.toString(), "--json"), 2, "not a Lia file");
        oneErrorObject(LiaCli.run("state", ses.toString(), "--json"), 2, "not a Lia file");
        Path s = Files.writeString(dir.resolve("s.lia"), "i32 a = ext ask()\nreturn a");
        Path ok = dir.resolve("ok.ses");
        assertThat(LiaCli.run("run", s.toString(), "--module", DEMO, "--session", ok.toString(), "--json").exit()).isEqualTo(3);
        oneErrorObject(LiaCli.run("resume", ok.toString(), "--result", "x", "--json"), 2, "--result 1");
    }

    @Test
    void withoutJsonNothingChanges() throws Exception {
        LiaCli.Result r = LiaCli.run("run", dir.resolve("none.lia").toString(), "--module", DEMO);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("none.lia");
        // "--json" after "--" is not an option of lia's
        assertThat(Main.wantsJson(java.util.List.of("wasi", "p.wasm", "--", "--json"))).isFalse();
    }
}
