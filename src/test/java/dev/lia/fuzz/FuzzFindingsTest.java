package dev.lia.fuzz;

import dev.lia.wasm.text.TextFormatException;
import dev.lia.wasm.text.WastParser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the fuzzers found, each pinned by a readable case (the raw inputs stay in the Inputs folders). */
class FuzzFindingsTest {
    /** TextFuzzTest (script form): a script whose first list starts with a non-keyword threw NullPointerException. */
    @Test
    void scriptWhoseFirstListHasNoKeywordHead() {
        assertThatThrownBy(() -> WastParser.parse("t.wast", "(\"x\" (module))"))
                .isInstanceOf(TextFormatException.class);
        assertThatThrownBy(() -> WastParser.parse("t.wast", "((module))"))
                .isInstanceOf(TextFormatException.class);
    }
}
