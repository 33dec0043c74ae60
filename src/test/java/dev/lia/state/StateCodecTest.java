package dev.lia.state;

import dev.lia.script.vm.Outcome;
import dev.lia.wasm.runtime.Limits;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The encoding: canonical, zero pages left out, and every kind of damage refused with its own message. */
class StateCodecTest {
    static Cases.Case rich;
    static LoadedModule module;
    static byte[] blocked; // rich.lia blocked deep inside a handler

    @BeforeAll
    static void setUp() {
        rich = Cases.rich();
        module = LoadedModule.of(rich.module());
        LiveSession live = LiveSession.start(module);
        var p = Cases.programs(rich, module).values().stream().filter(x -> x.sourceName().equals("rich.lia")).findFirst().orElseThrow();
        Outcome o = live.run(p, rich.scripts().get(0).inputs(), LiveSession.UNLIMITED);
        assertThat(o).isInstanceOf(Outcome.Blocked.class);
        blocked = live.save();
    }

    static EngineState decode(byte[] b) {
        return StateCodec.decode(b, Limits.DEFAULT);
    }

    static StateException refused(byte[] b) {
        try {
            LiveSession.load(b, module, Limits.DEFAULT, Map.of(), Cases.programs(rich, module)::get);
        } catch (StateException e) {
            return e;
        }
        throw new AssertionError("accepted");
    }

    @Test
    void decodingAndEncodingAgainGivesTheSameBytes() {
        EngineState s = decode(blocked);
        assertThat(StateCodec.encode(s)).isEqualTo(blocked);
        assertThat(s.machine().frames()).hasSizeGreaterThan(6); // deep(6) recursed, then the handler waits in a call
        assertThat(s.script().vm().request().name()).isEqualTo("question");
        assertThat(StateCodec.hashText(blocked)).isEqualTo(Sha256.text(Sha256.of(Arrays.copyOf(blocked, blocked.length - 32))));
    }

    @Test
    void allZeroPagesAreLeftOut() {
        EngineState s = decode(blocked);
        assertThat(s.totalPages()).isEqualTo(4);
        assertThat(s.nonZeroPages()).isEqualTo(4); // data at 100, markers at the start of pages 1-3
        byte[] big = new byte[64 * 65536];
        big[5 * 65536 + 17] = 1;
        EngineState sparse = new EngineState(s.limits(), s.modules(), s.carried(), s.functionCount(), s.hostFunctions(),
                List.of(new EngineState.MemoryData(false, 64, big)), s.tables(), s.globals(), s.instances(), s.machine(),
                s.fuelUsed(), s.fuelDebt(), s.script());
        byte[] bytes = StateCodec.encode(sparse);
        assertThat(bytes.length).isLessThan(blocked.length + 1000 - 3 * 65536);
        EngineState back = decode(bytes);
        assertThat(back.memories().get(0).bytes()).isEqualTo(big);
        assertThat(back.nonZeroPages()).isEqualTo(1);
    }

    @Test
    void truncatedAtAnyLengthIsRefusedAsTruncated() {
        for (int n : new int[] {0, 3, 8, 11, 19, 20, 100, blocked.length / 2, blocked.length - 33, blocked.length - 1}) {
            StateException e = refused(Arrays.copyOf(blocked, n));
            assertThat(e.kind()).as("cut at " + n).isEqualTo(StateException.Kind.TRUNCATED);
        }
        assertThat(refused(Arrays.copyOf(blocked, 100)).getMessage()).isEqualTo("truncated: the state has 100 of its " + blocked.length + " bytes");
    }

    @Test
    void everyFlippedBitIsNoticed() {
        Set<StateException.Kind> seen = new HashSet<>();
        // every bit of the header and trailer, and a spread of bits everywhere else
        for (int i = 0; i < blocked.length; i += (i < 24 || i > blocked.length - 40) ? 1 : 997) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] b = blocked.clone();
                b[i] ^= (byte) (1 << bit);
                StateException e = refused(b);
                seen.add(e.kind());
                if (i >= 20) assertThat(e.kind()).as("byte " + i + " bit " + bit).isIn(StateException.Kind.CORRUPTED);
            }
        }
        assertThat(seen).contains(StateException.Kind.NOT_A_STATE, StateException.Kind.UNKNOWN_VERSION, StateException.Kind.CORRUPTED,
                StateException.Kind.TRUNCATED);
        byte[] b = blocked.clone();
        b[5000] ^= 4;
        assertThat(refused(b).getMessage()).isEqualTo("corrupted: the checksum does not match the content: the state was changed or damaged");
    }

    @Test
    void anotherVersionIsRefusedByItsNumber() {
        byte[] b = blocked.clone();
        b[8] = 2; // the version before host components
        assertThat(refused(b).getMessage()).isEqualTo("unknown version: the state has format version 2; this build reads versions 3, 4 and 5");
    }

    @Test
    void aStateOfAnotherModuleIsRefused() {
        LoadedModule other = LoadedModule.of(Cases.read("examples/demo/demo.wasm"));
        assertThatThrownBy(() -> LiveSession.load(blocked, other, Limits.DEFAULT, Map.of(), id -> null))
                .isInstanceOf(StateException.class)
                .hasMessage("wrong module: the state is for module " + module.hashText() + ", not " + other.hashText());
    }

    @Test
    void otherLimitsAreRefused() {
        assertThatThrownBy(() -> StateCodec.decode(blocked, Limits.DEFAULT.withMaxCallDepth(50)))
                .isInstanceOf(StateException.class).hasMessageStartingWith("malformed: the state was made with limits");
    }

    /** Re-seals edited content with a correct checksum, as a hostile writer would. */
    static byte[] reseal(byte[] b) {
        byte[] h = Sha256.of(b, 0, b.length - 32);
        System.arraycopy(h, 0, b, b.length - 32, 32);
        return b;
    }

    static int find(byte[] b, byte[] what, int from) {
        for (int i = from; i <= b.length - what.length; i++) if (Arrays.equals(b, i, i + what.length, what, 0, what.length)) return i;
        return -1;
    }

    @Test
    void hostileSizesAreRefusedBeforeAnythingIsAllocatedForThem() {
        // the memories section: id 4, length, count 1, host flag 0, max 64 (8 bytes), pages 4
        int at = find(blocked, new byte[] {4}, 20);
        byte[] pattern = {1, 0, 0, 0, 0, 64, 0, 0, 0, 0, 0, 0, 0, 4, 0, 0, 0};
        int mem = find(blocked, pattern, at);
        assertThat(mem).isPositive();
        byte[] b = blocked.clone();
        b[mem + 13] = (byte) 0xff; // 0x7fff00ff pages
        b[mem + 14] = 0;
        b[mem + 15] = (byte) 0xff;
        b[mem + 16] = 0x7f;
        StateException e = refused(reseal(b));
        assertThat(e.kind()).isEqualTo(StateException.Kind.TOO_LARGE);
        assertThat(e.getMessage()).startsWith("too large: memory 0 has 2147418367 pages");
        // a count that the remaining bytes cannot hold
        b = blocked.clone();
        b[mem] = (byte) 0xff;
        b[mem + 1] = (byte) 0xff;
        e = refused(reseal(b));
        assertThat(e.kind()).isEqualTo(StateException.Kind.MALFORMED);
        assertThat(e.getMessage()).contains("memory count 65535 cannot fit");
    }

    @Test
    void anAllZeroPageInTheBytesIsNotCanonical() {
        EngineState s = decode(blocked);
        byte[] mem = s.memories().get(0).bytes().clone();
        Arrays.fill(mem, 3 * 65536, 4 * 65536, (byte) 0);
        byte[] marker = "ZEROPAGE".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(marker, 0, mem, 3 * 65536, marker.length);
        EngineState marked = new EngineState(s.limits(), s.modules(), s.carried(), s.functionCount(), s.hostFunctions(),
                List.of(new EngineState.MemoryData(false, 64, mem)), s.tables(), s.globals(), s.instances(), s.machine(),
                s.fuelUsed(), s.fuelDebt(), s.script());
        byte[] b = StateCodec.encode(marked);
        assertThat(decode(b).memories().get(0).bytes()).isEqualTo(mem);
        int at = find(b, marker, 20);
        Arrays.fill(b, at, at + marker.length, (byte) 0);
        StateException e = refused(reseal(b));
        assertThat(e.getMessage()).startsWith("malformed: memories section: page 3 of memory 0 is all zeros and must be left out");
    }
}
