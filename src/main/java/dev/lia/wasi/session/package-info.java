/**
 * WASI inside Lia scripts and sessions: {@link dev.lia.wasi.session.WasiComponent} gives a script's
 * VM the deterministic {@code wasi_snapshot_preview1} functions, turns a read of stdin with nothing
 * buffered into a request the host answers ({@code wasi.stdin}), and saves its state with the session's.
 */
package dev.lia.wasi.session;
