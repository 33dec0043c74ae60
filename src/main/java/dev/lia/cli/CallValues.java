package dev.lia.cli;

import dev.lia.script.syntax.Type;
import dev.lia.script.value.Value;
import dev.lia.wasm.runtime.Store;
import dev.lia.wasm.spec.ValueText;
import dev.lia.wasm.syntax.ValType;

import java.util.List;

/**
 * A call's results as {@code lia call} prints them, from the raw slots the machine returns: as text
 * (the spec scripts' value syntax) and as the JSON value form {@code lia run --json} uses. Numbers and
 * v128 take Lia's value form; a reference, which Lia scripts have no type for, is
 * {@code {"type":"(ref 0)","value":"ref.object 0"}}.
 */
final class CallValues {
    private CallValues() {}

    static String text(ValType t, long[] slots, int slot, Store store) {
        return t == ValType.V128 ? ValueText.formatV128(slots[slot], slots[slot + 1]) : ValueText.format(slots[slot], t, store);
    }

    static String json(List<ValType> types, long[] slots, Store store) {
        StringBuilder sb = new StringBuilder("[");
        int slot = 0;
        for (ValType t : types) {
            if (sb.length() > 1) sb.append(',');
            Type lia = Type.of(t);
            if (lia == Type.V128) sb.append(Json.value(Value.v128(slots[slot], slots[slot + 1])));
            else if (lia != null) sb.append(Json.value(Value.ofBits(lia, slots[slot])));
            else sb.append("{\"type\":").append(Json.string(t.toString())).append(",\"value\":").append(Json.string(text(t, slots, slot, store))).append('}');
            slot += t.slots();
        }
        return sb.append(']').toString();
    }
}
