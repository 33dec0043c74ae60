/**
 * WASI preview1 ({@code wasi_snapshot_preview1}) for Lia: {@link dev.lia.wasi.WasiPreview1} registers
 * every call as a host function, configured by {@link dev.lia.wasi.WasiConfig}. Deterministic by
 * default (virtual clock, seeded random source, no host access beyond preopened directories, which
 * {@code Sandbox} keeps every path inside). Calls answer preview1 errnos; {@code proc_exit} throws
 * {@link dev.lia.wasi.WasiExit}. See {@code docs/wasi.md}.
 */
package dev.lia.wasi;
