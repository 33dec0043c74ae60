package dev.lia.wasm.binary;

import dev.lia.wasm.MalformedException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import static dev.lia.wasm.binary.Bin.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ByteReaderTest {

    private static ByteReader reader(int... b) {
        return new ByteReader(bytes(b));
    }

    private static void assertMalformed(ThrowingCallable read, String message, int offset) {
        assertThatThrownBy(read)
                .isInstanceOfSatisfying(MalformedException.class, e -> assertThat(e.offset()).isEqualTo(offset))
                .hasMessage(message);
    }

    @Test
    void u32ReadsCanonicalAndPaddedEncodings() {
        assertThat(reader(0x00).u32()).isZero();
        assertThat(reader(0x7F).u32()).isEqualTo(127);
        assertThat(reader(0x80, 0x01).u32()).isEqualTo(128);
        assertThat(reader(0xFF, 0xFF, 0xFF, 0xFF, 0x0F).u32()).isEqualTo(0xFFFF_FFFFL);
        assertThat(reader(0x80, 0x80, 0x80, 0x80, 0x00).u32()).isZero();
    }

    @Test
    void u32RejectsSixBytesAndHighBitsInTheFifth() {
        assertMalformed(() -> reader(0x80, 0x80, 0x80, 0x80, 0x80, 0x00).u32(), "integer representation too long", 5);
        assertMalformed(() -> reader(0xFF, 0xFF, 0xFF, 0xFF, 0x1F).u32(), "integer too large", 4);
        // the value bits are checked before the continuation bit
        assertMalformed(() -> reader(0x80, 0x80, 0x80, 0x80, 0x90, 0x00).u32(), "integer too large", 4);
    }

    @Test
    void s32SignExtendsAndChecksTheUnusedBits() {
        assertThat(reader(0x7F).s32()).isEqualTo(-1);
        assertThat(reader(0x40).s32()).isEqualTo(-64);
        assertThat(reader(0x3F).s32()).isEqualTo(63);
        assertThat(reader(0xC0, 0x00).s32()).isEqualTo(64);
        assertThat(reader(0x80, 0x80, 0x80, 0x80, 0x78).s32()).isEqualTo(Integer.MIN_VALUE);
        assertThat(reader(0xFF, 0xFF, 0xFF, 0xFF, 0x07).s32()).isEqualTo(Integer.MAX_VALUE);
        assertThat(reader(0xFF, 0xFF, 0xFF, 0xFF, 0x7F).s32()).isEqualTo(-1);
        assertMalformed(() -> reader(0xFF, 0xFF, 0xFF, 0xFF, 0x0F).s32(), "integer too large", 4);
        assertMalformed(() -> reader(0x80, 0x80, 0x80, 0x80, 0x70).s32(), "integer too large", 4);
        assertMalformed(() -> reader(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F).s32(), "integer representation too long", 5);
    }

    @Test
    void s64CoversTheWholeRange() {
        assertThat(reader(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7F).s64()).isEqualTo(Long.MIN_VALUE);
        assertThat(reader(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00).s64()).isEqualTo(Long.MAX_VALUE);
        assertThat(reader(0x7F).s64()).isEqualTo(-1);
        assertMalformed(() -> reader(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01).s64(),
                "integer too large", 9);
        assertMalformed(() -> reader(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F).s64(),
                "integer representation too long", 10);
    }

    @Test
    void u64AndS33() {
        assertThat(reader(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01).u64()).isEqualTo(-1L);
        assertMalformed(() -> reader(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02).u64(),
                "integer too large", 9);
        assertThat(reader(0xFF, 0xFF, 0xFF, 0xFF, 0x0F).s33()).isEqualTo(0xFFFF_FFFFL);
        assertThat(reader(0x40).s33()).isEqualTo(-64);
        assertMalformed(() -> reader(0xFF, 0xFF, 0xFF, 0xFF, 0x1F).s33(), "integer too large", 4);
    }

    @Test
    void oneBitFlag() {
        assertThat(reader(0x01).unsigned(1)).isEqualTo(1);
        assertMalformed(() -> reader(0x02).unsigned(1), "integer too large", 0);
        assertMalformed(() -> reader(0x81, 0x00).unsigned(1), "integer representation too long", 1);
    }

    @Test
    void fixedWidthValuesAreLittleEndian() {
        ByteReader r = reader(0x78, 0x56, 0x34, 0x12, 0x01, 0, 0, 0, 0, 0, 0, 0x80);
        assertThat(r.fixed32()).isEqualTo(0x12345678);
        assertThat(r.fixed64()).isEqualTo(0x8000_0000_0000_0001L);
        assertThat(r.atEnd()).isTrue();
    }

    @Test
    void readingPastTheEndIsAnUnexpectedEnd() {
        assertMalformed(() -> reader().u8(), "unexpected end of section or function", 0);
        assertMalformed(() -> reader(0x80).u32(), "unexpected end of section or function", 1);
        assertMalformed(() -> reader(1, 2, 3).fixed32(), "unexpected end of section or function", 3);
        assertMalformed(() -> new ByteReader(bytes(1, 2, 3, 4), 0, 2).bytes(3), "unexpected end of section or function", 2);
    }

    @Test
    void lengthsCannotExceedTheRemainingBytes() {
        assertThat(reader(0x02, 0xAA, 0xBB).length()).isEqualTo(2);
        // counted from the length field itself, as the reference interpreter does
        assertThat(reader(0x02, 0xAA).length()).isEqualTo(2);
        assertMalformed(() -> reader(0x03, 0xAA).length(), "length out of bounds", 0);
    }

    @Test
    void namesMustBeUtf8() {
        assertThat(reader(0x03, 'a', 0xC3, 0xA9).name()).isEqualTo("aé");
        assertMalformed(() -> reader(0x02, 0xC0, 0x80).name(), "malformed UTF-8 encoding", 0);
    }

    @Test
    void indicesSaturateBeyondTheIntRange() {
        assertThat(reader(0xFF, 0xFF, 0xFF, 0xFF, 0x0F).index()).isEqualTo(Integer.MAX_VALUE);
        assertThat(reader(0xE5, 0x8E, 0x26).index()).isEqualTo(624485);
    }

    @Test
    void zeroByteAndS7Byte() {
        assertMalformed(() -> reader(0x80, 0x00).zeroByte(), "zero byte expected", 0);
        assertMalformed(() -> reader(0xE0, 0x7F).s7Byte(), "integer representation too long", 1);
    }
}
