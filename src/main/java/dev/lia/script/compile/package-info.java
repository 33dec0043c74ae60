/**
 * The compiler from a checked script to a {@link dev.lia.script.compile.Program}: a flat list of
 * stack-machine {@link dev.lia.script.compile.Op operations} with resolved branch targets and a
 * source position each, identified by the SHA-256 of its canonical encoding.
 */
package dev.lia.script.compile;
