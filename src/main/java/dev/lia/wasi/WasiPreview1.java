package dev.lia.wasi;

import dev.lia.wasm.exec.Machine;
import dev.lia.wasm.exec.MachineOutcome;
import dev.lia.wasm.runtime.Extern;
import dev.lia.wasm.runtime.FunctionInstance;
import dev.lia.wasm.runtime.HostFunction;
import dev.lia.wasm.runtime.HostFunctionInstance;
import dev.lia.wasm.runtime.ImportResolver;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.Memory;
import dev.lia.wasm.runtime.Store;
import dev.lia.wasm.syntax.FuncType;
import dev.lia.wasm.syntax.ValType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.InvalidPathException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code wasi_snapshot_preview1} host module. One instance serves one program run: it holds the
 * program's descriptors, clock and random source, built from a {@link WasiConfig}.
 *
 * <pre>{@code
 * WasiPreview1 wasi = new WasiPreview1(WasiConfig.builder().args("prog").stdout(out).build());
 * Machine machine = new Machine(new Store());
 * Instance instance = machine.instantiate(compiled, wasi.imports(machine.store()));
 * int exitCode = wasi.runCommand(machine, instance);
 * }</pre>
 *
 * Every preview1 function is importable; those Lia does not implement (sockets, {@code proc_raise})
 * answer {@code ENOSYS}. A call that fails answers an errno; pointers outside the memory answer
 * {@code EFAULT}. {@code proc_exit} throws {@link WasiExit}. Reading stdin supplied by a driver
 * throws {@link dev.lia.wasm.runtime.HostYield} when no input is buffered (see {@link WasiStdin}).
 */
public final class WasiPreview1 implements AutoCloseable {
    public static final String MODULE = "wasi_snapshot_preview1";

    /** A WASI call: answers an errno. */
    @FunctionalInterface
    private interface Call {
        int call(GuestMemory memory, long[] args) throws WasiError, IOException;
    }

    private record Definition(String name, FuncType type, HostFunction implementation) {}

    private static final Memory NO_MEMORY = new Memory(0, 0, 0);

    private final WasiState state;
    private final List<Definition> definitions = new ArrayList<>();

    public WasiPreview1(WasiConfig config) {
        state = new WasiState(config);
        ProcCalls proc = new ProcCalls(state);
        FdCalls fd = new FdCalls(state);
        PathCalls path = new PathCalls(state);
        PollCall poll = new PollCall(state);

        define("args_get", "ii", proc::argsGet);
        define("args_sizes_get", "ii", proc::argsSizesGet);
        define("environ_get", "ii", proc::environGet);
        define("environ_sizes_get", "ii", proc::environSizesGet);
        define("clock_res_get", "ii", proc::clockResGet);
        define("clock_time_get", "iIi", proc::clockTimeGet);
        define("random_get", "ii", proc::randomGet);
        define("sched_yield", "", proc::schedYield);
        define("poll_oneoff", "iiii", poll::pollOneoff);
        definitions.add(new Definition("proc_exit", type("i", false), (caller, args) -> {
            proc.procExit(args);
            return new long[0];
        }));
        define("proc_raise", "i", WasiPreview1::nosys);

        define("fd_advise", "iIIi", fd::advise);
        define("fd_allocate", "iII", fd::allocate);
        define("fd_close", "i", fd::close);
        define("fd_datasync", "i", (m, a) -> fd.sync(m, a, false));
        define("fd_fdstat_get", "ii", fd::fdstatGet);
        define("fd_fdstat_set_flags", "ii", fd::fdstatSetFlags);
        define("fd_fdstat_set_rights", "iII", fd::fdstatSetRights);
        define("fd_filestat_get", "ii", fd::filestatGet);
        define("fd_filestat_set_size", "iI", fd::filestatSetSize);
        define("fd_filestat_set_times", "iIIi", fd::filestatSetTimes);
        define("fd_pread", "iiiIi", fd::pread);
        define("fd_prestat_get", "ii", fd::prestatGet);
        define("fd_prestat_dir_name", "iii", fd::prestatDirName);
        define("fd_pwrite", "iiiIi", fd::pwrite);
        define("fd_read", "iiii", fd::read);
        define("fd_readdir", "iiiIi", fd::readdir);
        define("fd_renumber", "ii", fd::renumber);
        define("fd_seek", "iIii", fd::seek);
        define("fd_sync", "i", (m, a) -> fd.sync(m, a, true));
        define("fd_tell", "ii", fd::tell);
        define("fd_write", "iiii", fd::write);

        define("path_create_directory", "iii", path::createDirectory);
        define("path_filestat_get", "iiiii", path::filestatGet);
        define("path_filestat_set_times", "iiiiIIi", path::filestatSetTimes);
        define("path_link", "iiiiiii", path::link);
        define("path_open", "iiiiiIIii", path::open);
        define("path_readlink", "iiiiii", path::readlink);
        define("path_remove_directory", "iii", path::removeDirectory);
        define("path_rename", "iiiiii", path::rename);
        define("path_symlink", "iiiii", path::symlink);
        define("path_unlink_file", "iii", path::unlinkFile);

        define("sock_accept", "iii", WasiPreview1::nosys);
        define("sock_recv", "iiiiii", WasiPreview1::nosys);
        define("sock_send", "iiiii", WasiPreview1::nosys);
        define("sock_shutdown", "ii", WasiPreview1::nosys);
    }

    private static int nosys(GuestMemory m, long[] a) {
        return WasiErrno.ENOSYS;
    }

    /** Parameter letters: i = i32, I = i64. Every call but proc_exit answers an i32 errno. */
    private static FuncType type(String params, boolean errno) {
        List<ValType> ps = new ArrayList<>();
        for (char c : params.toCharArray()) ps.add(c == 'I' ? ValType.I64 : ValType.I32);
        return new FuncType(ps, errno ? List.of(ValType.I32) : List.of());
    }

    /**
     * Why WASI cannot serve a module, or null when it can: preview1's pointers are 32-bit, so a
     * module whose memory 0 is 64-bit (memory64) and that imports WASI is refused, with this message,
     * before it runs. A module that does not import WASI is never refused.
     */
    public static String refusal(dev.lia.wasm.syntax.Module module) {
        boolean usesWasi = false;
        Boolean memory64 = null;
        for (dev.lia.wasm.syntax.Import imp : module.imports()) {
            if (MODULE.equals(imp.module())) usesWasi = true;
            if (memory64 == null && imp.desc() instanceof dev.lia.wasm.syntax.Import.Memory m) memory64 = m.type().is64();
        }
        if (memory64 == null && !module.memories().isEmpty()) memory64 = module.memories().get(0).is64();
        return usesWasi && Boolean.TRUE.equals(memory64) ? MEMORY64_REFUSAL : null;
    }

    static final String MEMORY64_REFUSAL = "WASI preview1 takes 32-bit pointers, and this module's memory 0 is 64-bit (memory64); "
            + "Lia gives WASI only to modules with a 32-bit memory";

    private void define(String name, String params, Call call) {
        definitions.add(new Definition(name, type(params, true), (caller, args) -> {
            Memory memory = caller != null && caller.memory() != null ? caller.memory() : NO_MEMORY;
            // the commands refuse such a module before it runs (refusal); an embedder that links it anyway gets a trap, never a misread
            if (memory.is64()) throw new dev.lia.wasm.Trap(MEMORY64_REFUSAL);
            return new long[] {invoke(call, new GuestMemory(memory), args)};
        }));
    }

    private static int invoke(Call call, GuestMemory memory, long[] args) {
        try {
            return call.call(memory, args);
        } catch (WasiError e) {
            return e.errno;
        } catch (IOException e) {
            return HostErrors.errno(e);
        } catch (UncheckedIOException e) {
            return HostErrors.errno(e.getCause());
        } catch (InvalidPathException e) {
            return WasiErrno.EINVAL;
        } catch (SecurityException e) {
            return WasiErrno.EACCES;
        }
    }

    /** The names of every preview1 function this module offers, in definition order. */
    public List<String> functionNames() {
        return definitions.stream().map(Definition::name).toList();
    }

    /** Registers every function as a host function of {@code store}; returns them by name. */
    public Map<String, HostFunctionInstance> register(Store store) {
        Map<String, HostFunctionInstance> out = new LinkedHashMap<>();
        for (Definition d : definitions) {
            out.put(d.name(), store.hostFunction(MODULE + "." + d.name(), d.type(), d.implementation()));
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * Registers the functions in {@code store} and resolves imports from {@value #MODULE} to them
     * (other modules resolve to nothing, so chain this with the embedder's own resolver).
     */
    public ImportResolver imports(Store store) {
        Map<String, HostFunctionInstance> functions = register(store);
        return (module, name) -> MODULE.equals(module) ? (Extern) functions.get(name) : null;
    }

    /**
     * Runs a command: calls its {@code _start} export and returns the exit code: 0 when it
     * returns, the code given to {@code proc_exit} otherwise. Traps propagate. Output is flushed
     * either way.
     */
    public int runCommand(Machine machine, Instance instance) {
        FunctionInstance start = instance.exportedFunction("_start");
        if (start == null) throw new IllegalArgumentException("the module exports no _start function: it is not a WASI command");
        try {
            machine.invoke(start);
            return 0;
        } catch (WasiExit exit) {
            return exit.code();
        } finally {
            state.flush();
        }
    }

    /** Standard input, for a driver that supplies it ({@link WasiStdin#offer}). */
    public WasiStdin stdin() {
        return state.stdin;
    }

    /**
     * Answers a WASI call that yielded ({@link dev.lia.wasm.runtime.HostYield}) by making it again,
     * once the driver has supplied what it waited for; pass the results to {@link Machine#resume}.
     * Throws the same {@code HostYield} if it still cannot answer.
     */
    public static long[] retry(MachineOutcome.HostCall call) {
        HostFunction implementation = call.function().implementation();
        if (implementation == null) throw new IllegalArgumentException(call.function().name() + " is not a host function with an implementation");
        return implementation.call(call.caller(), call.args().clone());
    }

    /**
     * The program's changing state as canonical bytes (clock, random source, stdin's buffer,
     * descriptors), for a session that saves it; {@link #loadState} on an instance built from the same
     * configuration goes on from there. Only a deterministic instance with just the standard streams
     * can be saved: a virtual clock, a seed, stdin from the driver, no preopened directories.
     *
     * @throws IllegalStateException for an instance that cannot be saved
     */
    public byte[] saveState() {
        return WasiSnapshot.save(state);
    }

    /**
     * Takes a state {@link #saveState} gave.
     *
     * @throws IllegalArgumentException if the bytes are not such a state or this instance cannot take one
     */
    public void loadState(byte[] bytes) {
        WasiSnapshot.load(state, bytes);
    }

    /** Why this instance's state cannot be saved ({@link #saveState}), or null if it can. */
    public String unsaveableReason() {
        return WasiSnapshot.unsaveable(state);
    }

    /** The functions by name (without the module name) and their types, for hosts that dispatch calls themselves. */
    public Map<String, HostFunction> functions() {
        Map<String, HostFunction> out = new LinkedHashMap<>();
        for (Definition d : definitions) out.put(d.name(), d.implementation());
        return Collections.unmodifiableMap(out);
    }

    /** The type of function {@code name}, or null if preview1 has none of that name. */
    public FuncType type(String name) {
        for (Definition d : definitions) if (d.name().equals(name)) return d.type();
        return null;
    }

    /** Flushes standard output and error. */
    public void flush() {
        state.flush();
    }

    /** Closes every descriptor the program left open (the standard streams are flushed, not closed). */
    @Override
    public void close() {
        state.flush();
        state.fds.closeAll();
    }
}
