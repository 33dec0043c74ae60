package dev.lia.wasm.binary;

import dev.lia.wasm.syntax.Module;
import dev.lia.wasm.syntax.Names;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.lia.wasm.binary.Bin.bytes;
import static dev.lia.wasm.binary.Bin.cat;
import static dev.lia.wasm.binary.Bin.module;
import static dev.lia.wasm.binary.Bin.name;
import static dev.lia.wasm.binary.Bin.section;
import static dev.lia.wasm.binary.Bin.u32;
import static org.assertj.core.api.Assertions.assertThat;

class NameSectionTest {

    private static byte[] subsection(int id, byte[] contents) {
        return cat(bytes(id), u32(contents.length), contents);
    }

    private static Module withNameSection(byte[]... subsections) {
        return ModuleDecoder.decode(module(section(0, cat(name("name"), cat(subsections)))));
    }

    private static final byte[] MODULE_NAME = subsection(0, name("calc"));
    private static final byte[] FUNCTION_NAMES = subsection(1, cat(bytes(0x02), bytes(0x00), name("add"),
            bytes(0x02), name("sub")));
    private static final byte[] LOCAL_NAMES = subsection(2, cat(bytes(0x01), bytes(0x02),
            bytes(0x02), bytes(0x00), name("x"), bytes(0x01), name("y")));

    @Test
    void moduleFunctionAndLocalNames() {
        Names names = withNameSection(MODULE_NAME, FUNCTION_NAMES, LOCAL_NAMES).names();
        assertThat(names.moduleName()).isEqualTo("calc");
        assertThat(names.functionNames()).isEqualTo(Map.of(0, "add", 2, "sub"));
        assertThat(names.functionName(2)).isEqualTo("sub");
        assertThat(names.localNames()).isEqualTo(Map.of(2, Map.of(0, "x", 1, "y")));
    }

    @Test
    void otherSubsectionsAreSkipped() {
        byte[] typeNames = subsection(4, cat(bytes(0x01, 0x00), name("t")));
        Names names = withNameSection(FUNCTION_NAMES, typeNames).names();
        assertThat(names.functionNames()).containsEntry(0, "add");
        assertThat(names.moduleName()).isNull();
    }

    @Test
    void aMalformedNameSectionIsIgnoredButKept() {
        byte[] badUtf8 = subsection(1, bytes(0x01, 0x00, 0x01, 0xFF));
        byte[] sizeMismatch = subsection(0, cat(name("calc"), bytes(0x00)));
        byte[] truncated = bytes(0x01, 0x05, 0x01);
        for (byte[] bad : new byte[][] {badUtf8, sizeMismatch, truncated}) {
            Module m = withNameSection(MODULE_NAME, bad);
            assertThat(m.names()).isEqualTo(Names.EMPTY);
            assertThat(m.customs()).hasSize(1);
            assertThat(m.customs().get(0).name()).isEqualTo("name");
        }
        // each subsection at most once, in order
        assertThat(withNameSection(FUNCTION_NAMES, MODULE_NAME).names()).isEqualTo(Names.EMPTY);
        assertThat(withNameSection(FUNCTION_NAMES, FUNCTION_NAMES).names()).isEqualTo(Names.EMPTY);
    }
}
