package dev.lia.wasm.exec;

import dev.lia.wasm.Trap;

/**
 * A call of a host function that only a driver answers (a yielding or Lia-handled import), made
 * where no driver runs: a plain invocation of the export. Its own type so that callers such as the
 * REPL can explain it without reading the message.
 */
public final class NoDriverTrap extends Trap {
    NoDriverTrap(String hostFunction) {
        super("host function " + hostFunction + " cannot answer: it is answered by a driver, and there is none");
    }
}
