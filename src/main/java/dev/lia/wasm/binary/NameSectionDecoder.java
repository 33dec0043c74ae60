package dev.lia.wasm.binary;

import dev.lia.wasm.MalformedException;
import dev.lia.wasm.syntax.Names;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes the {@code name} custom section: module name, function names and local names. Other subsections
 * (labels, types, ... from the extended name section) are skipped. Custom sections never make a module
 * malformed, so a name section that does not decode yields {@link Names#EMPTY}.
 */
final class NameSectionDecoder {
    static final String SECTION_NAME = "name";

    private static final int MODULE = 0;
    private static final int FUNCTIONS = 1;
    private static final int LOCALS = 2;

    private NameSectionDecoder() {}

    /** The names in a name section's contents, {@code bytes[start, end)}. */
    static Names decode(byte[] bytes, int start, int end) {
        try {
            return subsections(new ByteReader(bytes, start, end));
        } catch (MalformedException e) {
            return Names.EMPTY;
        }
    }

    private static Names subsections(ByteReader r) {
        String moduleName = null;
        Map<Integer, String> functionNames = Map.of();
        Map<Integer, Map<Integer, String>> localNames = Map.of();
        int lastId = -1;
        while (!r.atEnd()) {
            int at = r.pos();
            int id = r.u8();
            if (id <= lastId) throw ByteReader.malformed("name subsections out of order", at);
            lastId = id;
            int size = r.length();
            int start = r.pos();
            switch (id) {
                case MODULE -> moduleName = r.name();
                case FUNCTIONS -> functionNames = nameMap(r);
                case LOCALS -> localNames = indirectNameMap(r);
                default -> r.skip(size);
            }
            r.checkSize(start, size);
        }
        return new Names(moduleName, functionNames, localNames);
    }

    private static Map<Integer, String> nameMap(ByteReader r) {
        return toMap(r.vec(in -> Map.entry(in.index(), in.name())));
    }

    private static Map<Integer, Map<Integer, String>> indirectNameMap(ByteReader r) {
        return toMap(r.vec(in -> Map.entry(in.index(), nameMap(in))));
    }

    /** Later entries win: the spec wants increasing indices, but names are only an aid not worth failing for. */
    private static <V> Map<Integer, V> toMap(List<Map.Entry<Integer, V>> entries) {
        Map<Integer, V> map = new HashMap<>();
        for (Map.Entry<Integer, V> e : entries) map.put(e.getKey(), e.getValue());
        return Map.copyOf(map);
    }
}
