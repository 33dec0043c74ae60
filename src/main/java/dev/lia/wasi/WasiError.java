package dev.lia.wasi;

/**
 * A WASI call failing with an errno. Thrown inside the implementation and turned into the call's
 * return value by {@link WasiPreview1}; never seen by the wasm code or the embedder.
 */
final class WasiError extends Exception {
    final int errno;

    WasiError(int errno) {
        super(WasiErrno.name(errno), null, false, false);
        this.errno = errno;
    }
}
