package dev.lia.wasm.text;

import dev.lia.wasm.binary.ModuleDecoder;
import dev.lia.wasm.binary.ModuleEncoder;
import dev.lia.wasm.syntax.Module;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class EncoderTest {
    static String hex(String wat, boolean names) {
        return HexFormat.of().formatHex(ModuleEncoder.encode(TextFormat.parseModule(wat), names));
    }

    @Test
    void emptyModuleIsTheHeader() {
        assertThat(hex("(module)", true)).isEqualTo("0061736d01000000");
    }

    @Test
    void canonicalLebsAndConstants() {
        // type (func (result i32)); func 0; code: i32.const -1, i32.const 64 (two bytes), end
        assertThat(hex("(module (func (result i32) i32.const -1 drop i32.const 64))", false)).isEqualTo(
                "0061736d01000000" + "0105016000017f" + "03020100" + "0a0a01080041" + "7f" + "1a41c000" + "0b");
    }

    @Test
    void elementSegmentsTakeTheirMostCompactForm() {
        Module m = TextFormat.parseModule("""
                (module
                  (table $a 1 funcref) (table $b 1 funcref) (table $c 1 externref)
                  (func $f)
                  (elem (i32.const 0) $f)
                  (elem (table $b) (i32.const 0) func $f)
                  (elem (table $c) (i32.const 0) externref (ref.null extern))
                  (elem func $f)
                  (elem funcref (ref.null func))
                  (elem declare func $f))
                """);
        Module back = ModuleDecoder.decode(ModuleEncoder.encode(m, false));
        assertThat(back.elements()).isEqualTo(m.elements());
        String h = HexFormat.of().formatHex(ModuleEncoder.encode(m, false));
        // element section: 6 segments with flags 0 (table 0, indices), 2 (table 1, indices), 6 (externref
        // expressions), 1 (passive indices), 5 (passive expressions), 3 (declarative indices)
        assertThat(h).contains("0927" + "06"
                + "00" + "41000b" + "0100"
                + "02" + "01" + "41000b" + "00" + "0100"
                + "06" + "02" + "41000b" + "6f" + "01" + "d06f0b"
                + "01" + "00" + "0100"
                + "05" + "70" + "01" + "d0700b"
                + "03" + "00" + "0100");
    }

    @Test
    void nameSectionHoldsModuleFunctionAndLocalNames() {
        Module m = ModuleDecoder.decode(ModuleEncoder.encode(TextFormat.parseModule(
                "(module $m (func $f (param $p i32) (local $l i64)) (func))")));
        assertThat(m.names().moduleName()).isEqualTo("m");
        assertThat(m.names().functionNames()).containsExactly(java.util.Map.entry(0, "f"));
        assertThat(m.names().localNames().get(0)).containsEntry(0, "p").containsEntry(1, "l");
    }
}
