package dev.lia.state;

import dev.lia.wasm.syntax.CompType;
import dev.lia.wasm.syntax.Module;
import dev.lia.wasm.types.DefType;
import dev.lia.wasm.types.TypeCanon;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a saved state names a canonical type (a GC object's): by the first module, in the state's module
 * numbering, whose type section has it, and the first index there. Types are canonical process-wide, so a
 * type index alone would not say which module's section it indexes, and equal types reached through
 * different modules must get one name for equal states to encode equally.
 */
final class TypeNames {
    private final List<Module> modules;
    private final DefType[][] types;
    private final Map<DefType, int[]> names = new IdentityHashMap<>();

    /** @param modules the state's modules, by number */
    TypeNames(List<Module> modules) {
        this.modules = modules;
        this.types = new DefType[modules.size()][];
        for (int n = 0; n < modules.size(); n++) {
            types[n] = TypeCanon.canonicalize(modules.get(n).typeSection(), -1);
            for (int i = 0; i < types[n].length; i++) names.putIfAbsent(types[n][i], new int[] {n, i});
        }
    }

    /** {module number, type index} of a type, or null when no module of the state has it. */
    int[] nameOf(DefType type) {
        return names.get(type);
    }

    DefType type(int module, int index) {
        return types[module][index];
    }

    /** The canonical types of module {@code module}'s type indices: the context of its composite types. */
    DefType[] types(int module) {
        return types[module];
    }

    CompType comp(int module, int index) {
        return modules.get(module).typeSection().types().get(index).comp();
    }

    int moduleCount() {
        return types.length;
    }

    int typeCount(int module) {
        return types[module].length;
    }
}
