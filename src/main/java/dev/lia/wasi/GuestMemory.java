package dev.lia.wasi;

import dev.lia.wasm.runtime.Memory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The calling instance's memory as WASI calls use it, in one of preview1's two ABIs: wasm32's, whose
 * pointers and {@code size_t} are unsigned 32-bit, or wasm64's (a memory64 module), whose pointers
 * and {@code size_t} are 64-bit, in arguments and in memory alike (iovecs, argv, sizes written back).
 * Any access outside the memory fails the call with {@code EFAULT} instead of trapping; no address
 * or length is ever cut to an int before it is checked.
 */
final class GuestMemory {
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** One buffer of an iovec list, already checked to lie inside the memory. */
    record Buffer(int address, int length) {}

    private final Memory memory;
    private final boolean wide;

    /** @param wide the wasm64 ABI: pointers and {@code size_t} are 8 bytes */
    GuestMemory(Memory memory, boolean wide) {
        this.memory = memory;
        this.wide = wide;
    }

    /**
     * A pointer or {@code size_t} argument as an unsigned number: the raw i32 bits, or the i64 as it
     * is (one of 2^63 or more is negative here, and so out of range for {@link #check}).
     */
    long ptr(long raw) {
        return wide ? raw : raw & 0xFFFFFFFFL;
    }

    /** The bytes of a pointer or {@code size_t} in memory: 4, or 8 for wasm64. */
    int usizeBytes() {
        return wide ? 8 : 4;
    }

    /** The largest {@code size_t}. */
    long usizeMax() {
        return wide ? Long.MAX_VALUE : 0xFFFFFFFFL;
    }

    /** A pointer or {@code size_t} read from memory, unsigned (see {@link #ptr}). */
    long usize(long address) throws WasiError {
        return wide ? i64(address) : u32(address);
    }

    void setUsize(long address, long value) throws WasiError {
        if (wide) setI64(address, value);
        else setI32(address, (int) value);
    }

    byte[] bytes() {
        return memory.bytes();
    }

    /** Checks {@code [address, address+length)}; returns the address as an array index. */
    int check(long address, long length) throws WasiError {
        long size = memory.bytes().length;
        if (address < 0 || length < 0 || address > size || length > size - address) throw new WasiError(WasiErrno.EFAULT);
        return (int) address;
    }

    /** Checks an array of {@code count} elements of {@code elementSize} bytes, without overflowing. */
    int checkArray(long address, long count, int elementSize) throws WasiError {
        if (count < 0 || count > memory.bytes().length / elementSize) throw new WasiError(WasiErrno.EFAULT);
        return check(address, count * elementSize);
    }

    int u8(long address) throws WasiError {
        return memory.bytes()[check(address, 1)] & 0xFF;
    }

    int u16(long address) throws WasiError {
        return (short) SHORT.get(memory.bytes(), check(address, 2)) & 0xFFFF;
    }

    int i32(long address) throws WasiError {
        return (int) INT.get(memory.bytes(), check(address, 4));
    }

    long u32(long address) throws WasiError {
        return i32(address) & 0xFFFFFFFFL;
    }

    long i64(long address) throws WasiError {
        return (long) LONG.get(memory.bytes(), check(address, 8));
    }

    void setU8(long address, int value) throws WasiError {
        memory.bytes()[check(address, 1)] = (byte) value;
    }

    void setU16(long address, int value) throws WasiError {
        SHORT.set(memory.bytes(), check(address, 2), (short) value);
    }

    void setI32(long address, int value) throws WasiError {
        INT.set(memory.bytes(), check(address, 4), value);
    }

    void setI64(long address, long value) throws WasiError {
        LONG.set(memory.bytes(), check(address, 8), value);
    }

    void fill(long address, int length, byte value) throws WasiError {
        int a = check(address, length);
        java.util.Arrays.fill(memory.bytes(), a, a + length, value);
    }

    void write(long address, byte[] data, int offset, int length) throws WasiError {
        System.arraycopy(data, offset, memory.bytes(), check(address, length), length);
    }

    void write(long address, byte[] data) throws WasiError {
        write(address, data, 0, data.length);
    }

    byte[] read(long address, long length) throws WasiError {
        int a = check(address, length);
        return java.util.Arrays.copyOfRange(memory.bytes(), a, a + (int) length);
    }

    /** A UTF-8 string (a path or a name): {@code EILSEQ} if it is not valid UTF-8. */
    String string(long address, long length) throws WasiError {
        int a = check(address, length);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(memory.bytes(), a, (int) length)).toString();
        } catch (CharacterCodingException e) {
            throw new WasiError(WasiErrno.EILSEQ);
        }
    }

    /** An iovec (or ciovec) list, each buffer checked; {@code EINVAL} if the total exceeds what an int can count. */
    Buffer[] iovecs(long address, long count) throws WasiError {
        int w = usizeBytes(); // an iovec is {buf: pointer, len: size_t}
        checkArray(address, count, 2 * w);
        Buffer[] buffers = new Buffer[(int) count];
        long total = 0;
        for (int i = 0; i < count; i++) {
            long buf = usize(address + 2L * w * i);
            long len = usize(address + 2L * w * i + w);
            if (len < 0 || len > Integer.MAX_VALUE - total) throw new WasiError(WasiErrno.EINVAL);
            total += len;
            buffers[i] = new Buffer(check(buf, len), (int) len);
        }
        return buffers;
    }

    static int total(Buffer[] buffers) {
        int n = 0;
        for (Buffer b : buffers) n += b.length();
        return n;
    }

    /** The bytes of a ciovec list, concatenated. */
    byte[] gather(Buffer[] buffers) {
        byte[] out = new byte[total(buffers)];
        int at = 0;
        for (Buffer b : buffers) {
            System.arraycopy(memory.bytes(), b.address(), out, at, b.length());
            at += b.length();
        }
        return out;
    }

    /** Spreads {@code length} bytes of {@code data} over an iovec list. */
    void scatter(Buffer[] buffers, byte[] data, int length) {
        int at = 0;
        for (Buffer b : buffers) {
            if (at >= length) break;
            int n = Math.min(b.length(), length - at);
            System.arraycopy(data, at, memory.bytes(), b.address(), n);
            at += n;
        }
    }
}
