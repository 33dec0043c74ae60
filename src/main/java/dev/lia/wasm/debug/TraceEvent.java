package dev.lia.wasm.debug;

import dev.lia.wasm.runtime.WasmFunction;

/**
 * An instruction about to run, as the per-instruction tracer sees it.
 *
 * @param function   the running function
 * @param byteOffset the instruction's byte offset
 * @param depth      the call depth (1 for an activation's entry function)
 */
public record TraceEvent(WasmFunction function, int byteOffset, int depth) {}
