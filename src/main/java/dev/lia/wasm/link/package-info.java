/**
 * Late linking: instantiating, next to a running instance, a module whose bytes that instance (or
 * its host) produced, linked to the running instance's memory and table ({@link dev.lia.wasm.link.LateLinker}),
 * with import values assembled by {@link dev.lia.wasm.link.Imports}.
 */
package dev.lia.wasm.link;
