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
 * Instance instance = machine.instantiate(compiled, wasi.imports(machine.store(), compiled.module()));
 * int exitCode = wasi.runCommand(machine, instance);
 * }</pre>
 *
 * A module whose memory 0 is 64-bit (memory64) gets preview1's wasm64 ABI, as clang's
 * {@code --target=wasm64-wasi} would call it: every pointer and {@code size_t}, in the parameters and in
 * memory, is 8 bytes instead of 4 ({@link #imports(Store, dev.lia.wasm.syntax.Module)} types the
 * functions for the module). Every preview1 function is importable; those Lia does not implement (sockets, {@code proc_raise})
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

    /** A preview1 function's parameters as letters (see {@link #type(Signature, boolean)}) and whether it answers an errno. */
    private record Signature(String params, boolean errno) {}

    /** A preview1 function: its name, signature and implementation. */
    private record Definition(String name, Signature signature, Call call) {}

    /** Every function's signature by name: static, so {@link #refusal} checks a module without making a WASI instance. */
    private static final Map<String, Signature> SIGNATURES = new LinkedHashMap<>();
    static {
        SIGNATURES.put("args_get", new Signature("PP", true));
        SIGNATURES.put("args_sizes_get", new Signature("PP", true));
        SIGNATURES.put("environ_get", new Signature("PP", true));
        SIGNATURES.put("environ_sizes_get", new Signature("PP", true));
        SIGNATURES.put("clock_res_get", new Signature("iP", true));
        SIGNATURES.put("clock_time_get", new Signature("iIP", true));
        SIGNATURES.put("random_get", new Signature("PP", true));
        SIGNATURES.put("sched_yield", new Signature("", true));
        SIGNATURES.put("poll_oneoff", new Signature("PPPP", true));
        SIGNATURES.put("proc_raise", new Signature("i", true));
        SIGNATURES.put("fd_advise", new Signature("iIIi", true));
        SIGNATURES.put("fd_allocate", new Signature("iII", true));
        SIGNATURES.put("fd_close", new Signature("i", true));
        SIGNATURES.put("fd_datasync", new Signature("i", true));
        SIGNATURES.put("fd_fdstat_get", new Signature("iP", true));
        SIGNATURES.put("fd_fdstat_set_flags", new Signature("ii", true));
        SIGNATURES.put("fd_fdstat_set_rights", new Signature("iII", true));
        SIGNATURES.put("fd_filestat_get", new Signature("iP", true));
        SIGNATURES.put("fd_filestat_set_size", new Signature("iI", true));
        SIGNATURES.put("fd_filestat_set_times", new Signature("iIIi", true));
        SIGNATURES.put("fd_pread", new Signature("iPPIP", true));
        SIGNATURES.put("fd_prestat_get", new Signature("iP", true));
        SIGNATURES.put("fd_prestat_dir_name", new Signature("iPP", true));
        SIGNATURES.put("fd_pwrite", new Signature("iPPIP", true));
        SIGNATURES.put("fd_read", new Signature("iPPP", true));
        SIGNATURES.put("fd_readdir", new Signature("iPPIP", true));
        SIGNATURES.put("fd_renumber", new Signature("ii", true));
        SIGNATURES.put("fd_seek", new Signature("iIiP", true));
        SIGNATURES.put("fd_sync", new Signature("i", true));
        SIGNATURES.put("fd_tell", new Signature("iP", true));
        SIGNATURES.put("fd_write", new Signature("iPPP", true));
        SIGNATURES.put("path_create_directory", new Signature("iPP", true));
        SIGNATURES.put("path_filestat_get", new Signature("iiPPP", true));
        SIGNATURES.put("path_filestat_set_times", new Signature("iiPPIIi", true));
        SIGNATURES.put("path_link", new Signature("iiPPiPP", true));
        SIGNATURES.put("path_open", new Signature("iiPPiIIiP", true));
        SIGNATURES.put("path_readlink", new Signature("iPPPPP", true));
        SIGNATURES.put("path_remove_directory", new Signature("iPP", true));
        SIGNATURES.put("path_rename", new Signature("iPPiPP", true));
        SIGNATURES.put("path_symlink", new Signature("PPiPP", true));
        SIGNATURES.put("path_unlink_file", new Signature("iPP", true));
        SIGNATURES.put("sock_accept", new Signature("iiP", true));
        SIGNATURES.put("sock_recv", new Signature("iPPiPP", true));
        SIGNATURES.put("sock_send", new Signature("iPPiP", true));
        SIGNATURES.put("sock_shutdown", new Signature("ii", true));
        SIGNATURES.put("proc_exit", new Signature("i", false));
    }

    private static final Memory NO_MEMORY = new Memory(0, 0, 0);

    private final WasiState state;
    private final List<Definition> definitions = new ArrayList<>();

    public WasiPreview1(WasiConfig config) {
        state = new WasiState(config);
        ProcCalls proc = new ProcCalls(state);
        FdCalls fd = new FdCalls(state);
        PathCalls path = new PathCalls(state);
        PollCall poll = new PollCall(state);

        define("args_get", proc::argsGet);
        define("args_sizes_get", proc::argsSizesGet);
        define("environ_get", proc::environGet);
        define("environ_sizes_get", proc::environSizesGet);
        define("clock_res_get", proc::clockResGet);
        define("clock_time_get", proc::clockTimeGet);
        define("random_get", proc::randomGet);
        define("sched_yield", proc::schedYield);
        define("poll_oneoff", poll::pollOneoff);
        definitions.add(new Definition("proc_exit", SIGNATURES.get("proc_exit"), (m, args) -> {
            proc.procExit(args);
            return 0;
        }));
        define("proc_raise", WasiPreview1::nosys);

        define("fd_advise", fd::advise);
        define("fd_allocate", fd::allocate);
        define("fd_close", fd::close);
        define("fd_datasync", (m, a) -> fd.sync(m, a, false));
        define("fd_fdstat_get", fd::fdstatGet);
        define("fd_fdstat_set_flags", fd::fdstatSetFlags);
        define("fd_fdstat_set_rights", fd::fdstatSetRights);
        define("fd_filestat_get", fd::filestatGet);
        define("fd_filestat_set_size", fd::filestatSetSize);
        define("fd_filestat_set_times", fd::filestatSetTimes);
        define("fd_pread", fd::pread);
        define("fd_prestat_get", fd::prestatGet);
        define("fd_prestat_dir_name", fd::prestatDirName);
        define("fd_pwrite", fd::pwrite);
        define("fd_read", fd::read);
        define("fd_readdir", fd::readdir);
        define("fd_renumber", fd::renumber);
        define("fd_seek", fd::seek);
        define("fd_sync", (m, a) -> fd.sync(m, a, true));
        define("fd_tell", fd::tell);
        define("fd_write", fd::write);

        define("path_create_directory", path::createDirectory);
        define("path_filestat_get", path::filestatGet);
        define("path_filestat_set_times", path::filestatSetTimes);
        define("path_link", path::link);
        define("path_open", path::open);
        define("path_readlink", path::readlink);
        define("path_remove_directory", path::removeDirectory);
        define("path_rename", path::rename);
        define("path_symlink", path::symlink);
        define("path_unlink_file", path::unlinkFile);

        define("sock_accept", WasiPreview1::nosys);
        define("sock_recv", WasiPreview1::nosys);
        define("sock_send", WasiPreview1::nosys);
        define("sock_shutdown", WasiPreview1::nosys);
    }

    private static int nosys(GuestMemory m, long[] a) {
        return WasiErrno.ENOSYS;
    }

    private void define(String name, Call call) {
        definitions.add(new Definition(name, SIGNATURES.get(name), call));
    }

    /**
     * The type of a function in one ABI. Parameter letters: i = i32, I = i64, P = a pointer or
     * {@code size_t} (i32, or i64 for a 64-bit memory). Every call but proc_exit answers an i32 errno.
     */
    private static FuncType type(Signature sig, boolean memory64) {
        List<ValType> ps = new ArrayList<>();
        for (char c : sig.params().toCharArray()) ps.add(c == 'I' || c == 'P' && memory64 ? ValType.I64 : ValType.I32);
        return new FuncType(ps, sig.errno() ? List.of(ValType.I32) : List.of());
    }

    /**
     * A function's implementation. Linked with a type ({@code memory64} given), it serves callers
     * whose memory 0 has that index type and traps for others, so a pointer is never read in the wrong
     * ABI; dispatched by name ({@code memory64} null), it takes the ABI of the caller's memory 0.
     */
    private static HostFunction implementation(Definition d, Boolean memory64) {
        return (caller, args) -> {
            Memory memory = caller != null && caller.memory() != null ? caller.memory() : NO_MEMORY;
            boolean wide = memory64 != null ? memory64 : memory.is64();
            if (memory != NO_MEMORY && memory.is64() != wide) {
                throw new dev.lia.wasm.Trap(MODULE + "." + d.name() + " was linked for a " + (wide ? "64" : "32")
                        + "-bit memory, and the calling module's memory 0 is " + (wide ? "32" : "64")
                        + "-bit: link WASI with imports(store, module), which takes the ABI from the module");
            }
            int errno = invoke(d.call(), new GuestMemory(memory, wide), args);
            return d.signature().errno() ? new long[] {errno} : new long[0];
        };
    }

    /**
     * Whether a module takes preview1's wasm64 ABI (8-byte pointers and {@code size_t}): whether its
     * memory 0, imported or defined, is 64-bit (memory64). A module without a memory takes wasm32's.
     */
    public static boolean memory64(dev.lia.wasm.syntax.Module module) {
        for (dev.lia.wasm.syntax.Import imp : module.imports()) {
            if (imp.desc() instanceof dev.lia.wasm.syntax.Import.Memory m) return m.type().is64();
        }
        return !module.memories().isEmpty() && module.memories().get(0).is64();
    }

    /**
     * Why WASI cannot serve a module, or null when it can: a function it imports from
     * {@value #MODULE} whose type is not preview1's in the module's ABI ({@link #memory64}). The
     * commands ask this before anything runs, so a script's module, which links by name, is checked
     * as a linked one is; the message is the linker's, with the two types.
     */
    public static String refusal(dev.lia.wasm.syntax.Module module) {
        boolean memory64 = memory64(module);
        for (dev.lia.wasm.syntax.Import imp : module.imports()) {
            if (!MODULE.equals(imp.module()) || !(imp.desc() instanceof dev.lia.wasm.syntax.Import.Func f)) continue;
            Signature sig = SIGNATURES.get(imp.name());
            if (sig == null) continue; // an unknown import: the linker's (or the script's) to report
            FuncType want = type(sig, memory64);
            FuncType given = module.types().get(f.typeIndex());
            if (!want.equals(given)) {
                return "incompatible import type " + MODULE + "." + imp.name() + ": preview1 for a " + (memory64 ? "64-bit memory (memory64)" : "32-bit memory")
                        + " has " + want + ", the module imports " + given;
            }
        }
        return null;
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

    /** Registers every function, typed for wasm32 (a 32-bit memory), as a host function of {@code store}; returns them by name. */
    public Map<String, HostFunctionInstance> register(Store store) {
        return register(store, false);
    }

    /** Registers every function, typed for the ABI of a module whose memory 0 is 64-bit or not, in {@code store}. */
    public Map<String, HostFunctionInstance> register(Store store, boolean memory64) {
        Map<String, HostFunctionInstance> out = new LinkedHashMap<>();
        for (Definition d : definitions) {
            out.put(d.name(), store.hostFunction(MODULE + "." + d.name(), type(d.signature(), memory64), implementation(d, memory64)));
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * Registers the functions, typed for wasm32, in {@code store} and resolves imports from
     * {@value #MODULE} to them (other modules resolve to nothing, so chain this with the embedder's
     * own resolver). For a module that may have a 64-bit memory, use {@link #imports(Store, dev.lia.wasm.syntax.Module)}.
     */
    public ImportResolver imports(Store store) {
        return imports(store, false);
    }

    /** As {@link #imports(Store)}, typed for the ABI of {@code module} ({@link #memory64}): the one to use for any module. */
    public ImportResolver imports(Store store, dev.lia.wasm.syntax.Module module) {
        return imports(store, memory64(module));
    }

    private ImportResolver imports(Store store, boolean memory64) {
        Map<String, HostFunctionInstance> functions = register(store, memory64);
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

    /**
     * The functions by name (without the module name), for hosts that dispatch calls themselves: each
     * takes the ABI of its caller's memory 0 (check the module's imports first with {@link #refusal}).
     */
    public Map<String, HostFunction> functions() {
        Map<String, HostFunction> out = new LinkedHashMap<>();
        for (Definition d : definitions) out.put(d.name(), implementation(d, null));
        return Collections.unmodifiableMap(out);
    }

    /** The wasm32 type of function {@code name}, or null if preview1 has none of that name. */
    public FuncType type(String name) {
        return type(name, false);
    }

    /** The type of function {@code name} for a module whose memory 0 is 64-bit or not, or null if preview1 has none of that name. */
    public FuncType type(String name, boolean memory64) {
        for (Definition d : definitions) if (d.name().equals(name)) return type(d.signature(), memory64);
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
