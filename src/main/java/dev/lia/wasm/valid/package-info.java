/**
 * Validation of decoded modules (WebAssembly 2.0, with SIMD immediates).
 *
 * <ul>
 *   <li>{@link dev.lia.wasm.valid.Validator}: the entry point; module-level rules.</li>
 *   <li>{@link dev.lia.wasm.valid.ModuleContext}: the index spaces (the spec's context C).</li>
 *   <li>{@link dev.lia.wasm.valid.InstructionTyper}: every instruction's typing rule, over a
 *       {@link dev.lia.wasm.valid.TypeStack} of operand types and control frames. Also usable by a
 *       compiler that needs stack heights and operand types at each instruction.</li>
 *   <li>ConstExprs, Locals, SimdImmediates: constant expressions, local lookup, lane indices.</li>
 * </ul>
 * Error messages start with the spec suite's expected texts; offsets are the offending instruction's.
 */
package dev.lia.wasm.valid;
