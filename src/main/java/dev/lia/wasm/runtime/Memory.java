package dev.lia.wasm.runtime;

import dev.lia.wasm.Trap;
import dev.lia.wasm.syntax.ExternKind;
import dev.lia.wasm.syntax.MemoryType;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A linear memory. {@link #bytes} is replaced when the memory grows, so holders of the array must
 * reload it after anything that can grow memory (a call or {@code memory.grow}).
 */
public final class Memory implements Extern {
    public static final int PAGE_SIZE = 65536;

    static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private byte[] bytes;
    private final long declaredMax;
    private final int limitPages;
    /** Whether addresses are i64 (memory64). */
    private final boolean is64;

    /**
     * @param initialPages pages at creation
     * @param declaredMax  the module's maximum in pages, or -1
     * @param limitPages   the embedder's limit in pages
     */
    public Memory(int initialPages, long declaredMax, int limitPages) {
        this(initialPages, declaredMax, limitPages, false);
    }

    /** As {@link #Memory(int, long, int)}, with i64 addresses if {@code is64} (memory64). */
    public Memory(int initialPages, long declaredMax, int limitPages, boolean is64) {
        this.is64 = is64;
        this.declaredMax = declaredMax;
        this.limitPages = limitPages;
        this.bytes = new byte[initialPages * PAGE_SIZE];
    }

    /** The memory's bytes; replaced by a larger copy when it grows, so read it again after a grow. */
    public byte[] bytes() {
        return bytes;
    }

    public int pages() {
        return bytes.length / PAGE_SIZE;
    }

    public MemoryType type() {
        return new MemoryType(new dev.lia.wasm.syntax.SizeRange(pages(), declaredMax), is64);
    }

    /** Whether addresses are i64 (memory64). */
    public boolean is64() {
        return is64;
    }

    /** Grows by {@code delta} pages (u32); returns the old size in pages, or -1 if the growth is refused. */
    public int grow(int delta) {
        return (int) grow(delta & 0xFFFFFFFFL);
    }

    /** Grows by {@code delta} pages (unsigned); returns the old size in pages, or -1 if the growth is refused. */
    public long grow(long delta) {
        int old = pages();
        long max = declaredMax >= 0 ? Math.min(declaredMax, limitPages) : limitPages;
        if (delta < 0 || delta > max - old) return -1;
        if (delta != 0) bytes = Arrays.copyOf(bytes, (int) (old + delta) * PAGE_SIZE);
        return old;
    }

    @Override
    public ExternKind kind() {
        return ExternKind.MEMORY;
    }

    // ---- accessors for hosts and the runtime (the interpreter inlines its own) ----

    /** Checks that {@code [address, address+length)} (address unsigned) lies inside the memory. */
    public int check(long address, long length) {
        if (address < 0 || length < 0 || address + length > bytes.length) throw new Trap("out of bounds memory access");
        return (int) address;
    }

    public byte[] read(long address, int length) {
        int a = check(address, length);
        return Arrays.copyOfRange(bytes, a, a + length);
    }

    public void write(long address, byte[] data) {
        int a = check(address, data.length);
        System.arraycopy(data, 0, bytes, a, data.length);
    }

    public int readInt(long address) {
        return (int) INT.get(bytes, check(address, 4));
    }

    public long readLong(long address) {
        return (long) LONG.get(bytes, check(address, 8));
    }

    public void writeInt(long address, int value) {
        INT.set(bytes, check(address, 4), value);
    }

    public void writeLong(long address, long value) {
        LONG.set(bytes, check(address, 8), value);
    }
}
