/**
 * Pre-initialized snapshots: a running instance written back as a module whose instantiation gives
 * the same state ({@link dev.lia.wasm.snapshot.ModuleSnapshot}).
 */
package dev.lia.wasm.snapshot;
