package dev.lia.wasm.spec;

import dev.lia.wasm.InvalidException;
import dev.lia.wasm.MalformedException;
import dev.lia.wasm.UnsupportedFeatureException;
import dev.lia.wasm.compile.CompiledModule;
import dev.lia.wasm.compile.ModuleCompiler;
import dev.lia.wasm.syntax.Module;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * The steps from bytes to a runnable module, as the spec runner and the CLI use them:
 * decode ({@link MalformedException}), validate ({@link InvalidException}), compile
 * ({@link UnsupportedFeatureException}).
 */
public final class Pipeline {
    private Pipeline() {}

    /** Decodes the binary format. */
    public static Module decode(byte[] bytes) {
        return (Module) callStatic("dev.lia.wasm.binary.ModuleDecoder", "decode", byte[].class, bytes);
    }

    /** Validates a decoded module. */
    public static void validate(Module module) {
        callStatic("dev.lia.wasm.valid.Validator", "validate", Module.class, module);
    }

    /** Decodes, validates and compiles. */
    public static CompiledModule load(byte[] bytes) {
        Module m = decode(bytes);
        validate(m);
        return ModuleCompiler.compile(m);
    }

    // TODO(spec): call ModuleDecoder and Validator directly once branches decoder and valid are merged;
    // until then they are looked up at run time so this branch compiles on its own.
    private static Object callStatic(String className, String method, Class<?> paramType, Object arg) {
        Method m;
        try {
            m = Class.forName(className).getMethod(method, paramType);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(className + "." + method + " is not available in this build");
        }
        try {
            return m.invoke(null, arg);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) throw r;
            if (cause instanceof Error err) throw err;
            throw new IllegalStateException(cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
