package dev.lia.cli;

import dev.lia.wasm.Trap;
import dev.lia.wasm.runtime.Extern;
import dev.lia.wasm.runtime.Store;
import dev.lia.wasm.syntax.Import;
import dev.lia.wasm.syntax.Module;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Stand-ins for the function imports a command cannot link: host functions that trap, naming the
 * import, only when called, so that the rest of the module runs ({@code lia call}, {@code lia debug}).
 */
final class StandIns {
    private StandIns() {}

    /**
     * A stand-in for each function import of {@code m} from a module not in {@code linked}, keyed
     * {@code module.name}; calling one traps with "import NAME was called, and " + {@code why}.
     */
    static Map<String, Extern> of(Store store, Module m, Set<String> linked, String why) {
        Map<String, Extern> missing = new HashMap<>();
        for (Import imp : m.imports()) {
            if (imp.desc() instanceof Import.Func f && !linked.contains(imp.module())) {
                String name = imp.module() + "." + imp.name();
                missing.put(name, store.hostFunction(name, m.types().get(f.typeIndex()), (caller, a) -> {
                    throw new Trap("import " + name + " was called, and " + why);
                }));
            }
        }
        return missing;
    }
}
