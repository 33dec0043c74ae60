/**
 * The VM: runs a program's operations against a module instance on the engine's machine, with all
 * of its state in plain fields and arrays; calls between wasm and Lia never recurse on the Java
 * stack. Ends in an {@link dev.lia.script.vm.Outcome}: Done, Blocked (resumable), Trapped or Failed.
 */
package dev.lia.script.vm;
