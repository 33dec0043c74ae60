package dev.lia.script.vm;

import dev.lia.script.value.Value;
import dev.lia.wasm.runtime.HostFunction;

import java.util.List;

/**
 * A Java host function that may block the script with a {@link HostRequest}. The VM keeps the call
 * (the function's name, the caller and the arguments) in its saved state, so the answer can arrive
 * in another process: there the VM finds the function by name among its hosts, hands it the answer
 * and calls it again.
 */
public interface AnsweringHost extends HostFunction {
    /**
     * Takes the answer to a request this function made (its types already checked).
     *
     * @throws IllegalArgumentException if the answer cannot be taken; nothing changes then
     */
    void answer(String request, List<Value> answer);
}
