/**
 * Running the WebAssembly spec test suite and what it needs around the engine.
 *
 * <ul>
 *   <li>{@link dev.lia.wasm.spec.SpecRunner} runs wast2json scripts and returns a
 *       {@link dev.lia.wasm.spec.SpecResult} (counts and one line per failure); the CLI's
 *       {@code lia wast} and the conformance test both use it.</li>
 *   <li>{@link dev.lia.wasm.spec.Spectest} is the {@code spectest} host module scripts import from.</li>
 *   <li>{@link dev.lia.wasm.spec.ValueText} parses and prints values for people (the CLI);
 *       {@link dev.lia.wasm.spec.WastValue} is a value as wast2json writes it.</li>
 *   <li>{@link dev.lia.wasm.spec.Json} is a small JSON reader for the scripts.</li>
 * </ul>
 */
package dev.lia.wasm.spec;
