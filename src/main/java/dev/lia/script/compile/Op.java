package dev.lia.script.compile;

import dev.lia.script.syntax.Type;
import dev.lia.script.value.ValueText;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One operation. Which operands mean something depends on the {@link Code}: {@code a} (a constant's
 * bits, a slot, a branch target, a count, a memory index), {@code text} (a name or octs hex) and
 * {@code types}. Unused operands are 0, null and empty, so equal scripts give equal operations.
 */
public record Op(Code code, long a, String text, List<Type> types) {
    public Op {
        types = List.copyOf(types);
    }

    public static Op of(Code code) {
        return new Op(code, 0, null, List.of());
    }

    public static Op of(Code code, long a) {
        return new Op(code, a, null, List.of());
    }

    Op withA(long a) {
        return new Op(code, a, text, types);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(code.mnemonic);
        switch (code) {
            case I32_CONST, I64_CONST -> sb.append(' ').append(a);
            case F32_CONST -> sb.append(' ').append(ValueText.f32((int) a));
            case F64_CONST -> sb.append(' ').append(ValueText.f64(a));
            case OCTS_CONST -> sb.append(' ').append(ValueText.octs(java.util.HexFormat.of().parseHex(text)));
            case V128_CONST -> sb.append(' ').append(ValueText.text(dev.lia.script.value.Value.v128Owned(java.util.HexFormat.of().parseHex(text))));
            case V128_LANE -> sb.append(' ').append(text);
            case LOCAL_GET, LOCAL_SET, BR, BR_IF, BR_UNLESS, TABLE_SIZE -> sb.append(' ').append(a);
            case MEMORY_READ, MEMORY_WRITE, MEMORY_SIZE, MEMORY_GROW -> sb.append(' ').append(a).append(types.isEmpty() ? "" : " i64");
            case INSTANTIATE -> sb.append(' ').append(a).append(a > 0 ? " " + text : "");
            case CALL, EXT, INSTANCE_CALL -> sb.append(' ').append(ValueText.name(text)).append(" (")
                    .append(list(types.subList(0, (int) a))).append(")").append(
                            types.size() > a ? " -> " + list(types.subList((int) a, types.size())) : "");
            case GLOBAL_GET, GLOBAL_SET -> sb.append(' ').append(ValueText.name(text)).append(" : ").append(types.get(0));
            case RETURN -> {
                if (!types.isEmpty()) sb.append(' ').append(list(types));
            }
            default -> { }
        }
        return sb.toString();
    }

    private static String list(List<Type> types) {
        return types.stream().map(Type::toString).collect(Collectors.joining(", "));
    }
}
