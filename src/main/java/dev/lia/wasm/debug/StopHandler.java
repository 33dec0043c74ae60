package dev.lia.wasm.debug;

/**
 * Receives stops as they happen, inside the machine's run: the debugger's synchronous mode, for
 * drivers that only know host calls (a script VM, {@code Machine.invoke}). The handler may inspect
 * everything, then chooses how to go on ({@link Debugger#stepInto()}, {@link Debugger#resume()}, ...)
 * or ends the run ({@link Debugger#abort()}); when it returns, execution continues.
 */
@FunctionalInterface
public interface StopHandler {
    void onStop(Debugger debugger, Stop stop);
}
