package dev.lia.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 16, defects 10 and 11: session errors say what happened, and an empty file starts a session. */
class SessionLabelsTest {
    static final String DEMO = Path.of("examples/demo/demo.wasm").toAbsolutePath().toString();

    @TempDir
    Path dir;

    Path start() throws Exception {
        Path script = Files.writeString(dir.resolve("ask.lia"), "i32 a = ext ask()\nreturn a + 1");
        Path ses = dir.resolve("s.ses");
        assertThat(LiaCli.run("run", script.toString(), "--module", DEMO, "--session", ses.toString()).exit()).isEqualTo(3);
        return ses;
    }

    @Test
    void aFlippedBitInTheLengthFieldIsCorruptionNotTruncation() throws Exception {
        byte[] good = Files.readAllBytes(start());
        Path bad = dir.resolve("bad.ses");
        byte[] b = good.clone();
        b[12] ^= 1; // the total length's lowest byte (after "LIASESSF" and the version)
        Files.write(bad, b);
        LiaCli.Result r = LiaCli.run("resume", bad.toString(), "--result", "1");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("lia resume: " + bad + ": bad session file: corrupted: the session file's header gives its length as "
                + (good.length ^ 1) + " bytes, but its parts (with an intact log checksum) fill its " + good.length
                + " bytes: the header was changed or damaged\n");
        // a file that really is short is still truncated
        Files.write(bad, java.util.Arrays.copyOf(good, good.length - 1));
        assertThat(LiaCli.run("resume", bad.toString(), "--result", "1").err()).contains("truncated: the session file has "
                + (good.length - 1) + " of its " + good.length + " bytes");
    }

    @Test
    void replayAfterCorruptionSaysWhyNotNoCachedState() throws Exception {
        byte[] good = Files.readAllBytes(start());
        Path bad = dir.resolve("bad.ses");
        byte[] b = good.clone();
        b[b.length - 1000] ^= 0x20; // inside the saved state
        Files.write(bad, b);
        LiaCli.Result r = LiaCli.run("resume", bad.toString(), "--result", "1", "--replay", "--json");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("\"origin\":\"replayed\"", "\"note\":\"replayed from the session's log, as --replay asks; "
                + "the saved state is unusable: corrupted: ").doesNotContain("no cached state");
        Path ok = dir.resolve("ok.ses");
        Files.write(ok, good);
        r = LiaCli.run("resume", ok.toString(), "--result", "1", "--replay", "--json");
        assertThat(r.out()).contains("\"note\":\"replayed from the session's log, as --replay asks; the saved state was not used\"");
    }

    @Test
    void anEmptyExistingFileStartsASession() throws Exception {
        Path script = Files.writeString(dir.resolve("one.lia"), "return 1");
        Path empty = Files.createTempFile(dir, "mktemp", "");
        LiaCli.Result r = LiaCli.run("run", script.toString(), "--module", DEMO, "--session", empty.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).startsWith("1 : i32\nstate: sha256:");
        assertThat(r.exit()).isZero();
        assertThat(Files.size(empty)).isGreaterThan(0);
        assertThat(LiaCli.run("state", empty.toString()).out()).contains("last:   done: 1 : i32");
        // an empty file is no session to resume or show
        Path other = Files.createTempFile(dir, "mktemp", "");
        assertThat(LiaCli.run("resume", other.toString()).err()).contains("is empty: no session yet");
        assertThat(Files.exists(other)).isTrue();
    }
}
