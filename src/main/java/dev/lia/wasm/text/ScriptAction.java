package dev.lia.wasm.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code (invoke $module? "name" arg*)} or {@code (get $module? "name")}.
 *
 * @param kind   "invoke" or "get"
 * @param module the module's identifier ({@code $name}), or null for the current module
 * @param field  the export's name
 * @param args   the arguments of an invoke
 */
public record ScriptAction(String kind, String module, String field, List<ScriptValue> args) {
    public ScriptAction {
        args = List.copyOf(args);
    }

    /** As a wast2json JSON object. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", kind);
        if (module != null) m.put("module", module);
        m.put("field", field);
        List<Object> a = new ArrayList<>();
        for (ScriptValue v : args) a.add(v.toJson());
        if (kind.equals("invoke")) m.put("args", a);
        return m;
    }
}
