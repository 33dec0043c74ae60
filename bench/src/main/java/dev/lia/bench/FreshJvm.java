package dev.lia.bench;

import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.wasi.WasiExitException;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The main of the fresh JVMs the whole-process runs start ({@code java -cp lia-bench.jar
 * dev.lia.bench.FreshJvm ...}), the way a user would run Chicory:
 * <pre>
 *   hello                                      prints a line at once: the JVM's own start-up
 *   wasi interp|compiler [--buffer] P.wasm ARGS  runs a WASI command (_start) with Chicory's WASI,
 *                                              stdout/stderr this process's; exits with its code
 *   core interp|compiler [--buffer] P.wasm       _initialize, then run(); prints "run() = 0x%08x"
 * </pre>
 * {@code --buffer}: Chicory's ByteBufferMemory instead of the harness's ByteArrayMemory.
 * Exit codes: the program's (wasi), 0, 1 for a trap, 2 for bad arguments.
 */
public final class FreshJvm {
    private FreshJvm() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("hello")) {
            System.out.println("hello");
            return;
        }
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        if (rest.size() < 3 || !(rest.get(0).equals("wasi") || rest.get(0).equals("core"))) {
            System.err.println("usage: FreshJvm hello | wasi interp|compiler [--buffer] P.wasm ARGS... | core interp|compiler [--buffer] P.wasm");
            System.exit(2);
        }
        String what = rest.remove(0);
        ChicoryEngine.Mode mode = ChicoryEngine.Mode.parse(rest.remove(0));
        boolean buffer = rest.get(0).equals("--buffer");
        if (buffer) rest.remove(0);
        ChicoryEngine chicory = new ChicoryEngine(mode, !buffer);
        Path wasm = Path.of(rest.remove(0));
        int[] code = new int[1];
        // A large stack, as the harness gives every engine, so no run is limited by the Java stack.
        Thread t = new Thread(null, () -> code[0] = what.equals("wasi") ? wasi(chicory, wasm, rest) : core(chicory, wasm), "run", 1L << 30);
        t.start();
        t.join();
        System.exit(code[0]);
    }

    private static int wasi(ChicoryEngine chicory, Path wasm, List<String> args) {
        OutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
        List<String> argv = new ArrayList<>();
        argv.add(wasm.getFileName().toString());
        argv.addAll(args);
        WasiOptions options = WasiOptions.builder().withStdout(out).withStderr(System.err).withArguments(argv).build();
        try (WasiPreview1 wasi = WasiPreview1.builder().withOptions(options).build()) {
            WasmModule module = Parser.parse(wasm);
            ImportValues imports = ImportValues.builder().addFunction(wasi.toHostFunctions()).build();
            try {
                chicory.build(module, chicory.machineFactory(module), imports, true); // runs _start
                return 0;
            } catch (WasiExitException e) {
                return e.exitCode();
            } finally {
                out.flush();
            }
        } catch (java.io.IOException e) {
            System.err.println("chicory: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            System.err.println("chicory: " + e);
            return 1;
        }
    }

    private static int core(ChicoryEngine chicory, Path wasm) {
        try {
            int hash = chicory.load(java.nio.file.Files.readAllBytes(wasm)).instantiate().initializeAndRun();
            System.out.printf("run() = 0x%08x%n", hash);
            return 0;
        } catch (java.io.IOException e) {
            System.err.println("chicory: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            System.err.println("chicory: " + e);
            return 1;
        }
    }

}
