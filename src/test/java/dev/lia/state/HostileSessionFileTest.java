package dev.lia.state;

import dev.lia.wasm.runtime.Limits;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Session files written by a hostile hand, framed with a correct length and checksum so that only
 * the log's content is wrong: every declared size is checked against the bytes there are before
 * anything is allocated for it.
 */
class HostileSessionFileTest {
    private static byte[] log(int... u32s) {
        ByteBuffer b = ByteBuffer.allocate(4 * u32s.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : u32s) b.putInt(v);
        return b.array();
    }

    private static StateException refused(byte[] log) {
        try {
            SessionFile.decode(StateFuzzTest.sessionFile(log), Limits.DEFAULT);
        } catch (StateException e) {
            return e;
        }
        throw new AssertionError("accepted");
    }

    @Test
    void aModuleOfTwoGigabytesIsRefused() {
        assertThatThrownBy(() -> { throw refused(log(0x7fff_ffff)); }).hasMessageContaining("2147483647");
    }

    @Test
    void hugeCountsOfHostComponentsScriptsAndEventsAreRefused() {
        // module: empty blob; limits: the default ones; then a huge host component count
        Limits l = Limits.DEFAULT;
        byte[] hosts = log(0, l.maxMemoryPages(), l.maxTableSize(), l.maxCallDepth(), l.maxStackSlots(), 0x7fff_ffff);
        assertThatThrownBy(() -> { throw refused(hosts); }).hasMessageContaining("host component count");
        byte[] scripts = log(0, l.maxMemoryPages(), l.maxTableSize(), l.maxCallDepth(), l.maxStackSlots(), 0, 0, 0x7fff_ffff);
        assertThatThrownBy(() -> { throw refused(scripts); }).hasMessageContaining("script count");
        byte[] events = log(0, l.maxMemoryPages(), l.maxTableSize(), l.maxCallDepth(), l.maxStackSlots(), 0, 0, 0, 0x7fff_ffff);
        assertThatThrownBy(() -> { throw refused(events); }).hasMessageContaining("event count");
    }
}
