package dev.lia.wasi;

import dev.lia.wasm.exec.Machine;
import dev.lia.wasm.runtime.HostFunctionInstance;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.Memory;
import dev.lia.wasm.runtime.Store;
import dev.lia.wasm.Pipeline;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Calls WASI functions straight from Java on behalf of a module that has just a memory (one page,
 * exported), so each call's memory layout and errno can be checked.
 */
final class Harness implements AutoCloseable {
    /** (module (memory (export "memory") 1)) */
    static final byte[] MEMORY_MODULE = {
        0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
        0x05, 0x03, 0x01, 0x00, 0x01,
        0x07, 0x0a, 0x01, 0x06, 'm', 'e', 'm', 'o', 'r', 'y', 0x02, 0x00,
    };

    final WasiPreview1 wasi;
    final Map<String, HostFunctionInstance> functions;
    final Instance instance;
    final Memory memory;
    final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    Harness(WasiConfig.Builder config) {
        wasi = new WasiPreview1(config.stdout(stdout).stderr(stderr).build());
        Store store = new Store();
        functions = wasi.register(store);
        instance = new Machine(store).instantiate(Pipeline.load(MEMORY_MODULE), (m, n) -> null);
        memory = instance.memory();
    }

    Harness() {
        this(WasiConfig.builder());
    }

    /** Calls {@code name} with raw arguments (i32 values as ints, i64 as longs); returns the errno. */
    int call(String name, long... args) {
        long[] results = functions.get(name).implementation().call(instance, args);
        return results.length == 0 ? -1 : (int) results[0];
    }

    /** Writes a string at {@code address}; returns its length in bytes. */
    int put(int address, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        memory.write(address, b);
        return b.length;
    }

    /** Writes an iovec {buf, len} at {@code address}. */
    void iovec(int address, int buf, int len) {
        memory.writeInt(address, buf);
        memory.writeInt(address + 4, len);
    }

    int i32(int address) {
        return memory.readInt(address);
    }

    long i64(int address) {
        return memory.readLong(address);
    }

    int u8(int address) {
        return memory.bytes()[address] & 0xFF;
    }

    int u16(int address) {
        return (memory.bytes()[address] & 0xFF) | (memory.bytes()[address + 1] & 0xFF) << 8;
    }

    String string(int address, int length) {
        return new String(memory.read(address, length), StandardCharsets.UTF_8);
    }

    String out() {
        return stdout.toString(StandardCharsets.UTF_8);
    }

    // ---- conveniences for the path calls (path at 1000, results at 2000) ----

    static final int PATH = 1000;
    static final int OUT = 2000;

    /** path_open relative to {@code dir}; returns the errno, the new fd is at {@link #OUT}. */
    int open(int dir, String path, int oflags, long rights, int fdflags) {
        int len = put(PATH, path);
        return call("path_open", dir, 1, PATH, len, oflags, rights, -1L, fdflags, OUT);
    }

    /** path_open asking for every right but writing (what libc asks for a read-only open). */
    int open(int dir, String path) {
        return open(dir, path, 0, READ_RIGHTS, 0);
    }

    static final long READ_RIGHTS = -1L & ~Rights.FD_WRITE;

    /** Runs a path call taking (fd, path, path_len). */
    int pathCall(String name, int dir, String path) {
        int len = put(PATH, path);
        return call(name, dir, PATH, len);
    }

    /** Writes {@code text} to {@code fd}; returns the errno. */
    int write(int fd, String text) {
        int len = put(3000, text);
        iovec(2900, 3000, len);
        return call("fd_write", fd, 2900, 1, OUT);
    }

    /** Reads up to {@code max} bytes from {@code fd} as a string (null on error). */
    String read(int fd, int max) {
        iovec(2900, 3000, max);
        int errno = call("fd_read", fd, 2900, 1, OUT);
        return errno == 0 ? string(3000, i32(OUT)) : null;
    }

    @Override
    public void close() {
        wasi.close();
    }
}
