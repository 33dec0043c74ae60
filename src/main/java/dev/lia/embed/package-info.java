/**
 * The front door for Java programs that embed Lia: everything a program needs to run WebAssembly and
 * Lia scripts, with Java values in and out. Start with {@link dev.lia.embed.Engine#builder()}.
 *
 * <pre>{@code
 * Engine engine = Engine.builder()
 *         .module(Path.of("demo.wasm"))
 *         .host("env", "random", args -> 0.25)          // a typed host function
 *         .build();
 *
 * ModuleInstance wasm = engine.instantiate();           // plain WebAssembly
 * int sum = wasm.call("add", 2, 3).asI32();
 *
 * ScriptSession session = engine.newSession();          // Lia scripts, suspendable
 * Outcome o = session.run(engine.compile("bump.lia", "import i32 n\nreturn add(n, 1)"), Map.of("n", 41));
 * byte[] state = session.save();                        // and engine.load(state) continues it anywhere
 * }</pre>
 *
 * <p>The types a front-door program meets are this package's ({@link dev.lia.embed.Engine},
 * {@link dev.lia.embed.ModuleInstance}, {@link dev.lia.embed.ScriptSession},
 * {@link dev.lia.embed.Host}) and a few from the layers underneath, each the only class of its name:
 * {@link dev.lia.script.value.Value}, {@link dev.lia.script.vm.Outcome},
 * {@link dev.lia.script.compile.Program}, {@link dev.lia.wasm.runtime.Limits} and the exceptions
 * ({@link dev.lia.wasm.Trap}, {@link dev.lia.wasm.ModuleException},
 * {@link dev.lia.script.syntax.CompileException}, {@link dev.lia.state.StateException}). Every
 * front-door object gives the layer underneath it ({@code live()}, {@code instance()},
 * {@code loadedModule()}) for what the front door does not cover. See {@code docs/embedding.md}.
 *
 * <p>Front-door objects are not thread-safe: use one session or instance from one thread at a time.
 */
package dev.lia.embed;
