package dev.lia.wasm.binary;

import dev.lia.testutil.SpecSuite;
import dev.lia.wasm.syntax.Export;
import dev.lia.wasm.syntax.ExternKind;
import dev.lia.wasm.syntax.Instruction;
import dev.lia.wasm.syntax.Module;
import dev.lia.wasm.syntax.Opcode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the opcode numbering of {@link Opcode} against binaries made by another tool: many spec-suite modules
 * export a function named after the one instruction it tests ({@code "f32x4.add"}), and the decoded body must
 * contain that instruction.
 */
class OpcodeNumberingTest {

    @Test
    void exportedFunctionsNamedAfterAnInstructionContainIt() throws IOException {
        Set<Opcode> confirmed = EnumSet.noneOf(Opcode.class);
        List<String> contradictions = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SpecSuite.json20())) {
            for (Path wasm : files.filter(p -> p.toString().endsWith(".wasm")).toList()) {
                Module m;
                try {
                    m = ModuleDecoder.decode(Files.readAllBytes(wasm));
                } catch (RuntimeException malformedOnPurpose) {
                    continue;
                }
                int imported = m.importCount(ExternKind.FUNC);
                for (Export e : m.exports()) {
                    Opcode op = Opcode.fromText(e.name());
                    // only instructions with a fixed signature: "if" or "call" are also ordinary export names
                    if (op == null || !op.hasSignature() || e.kind() != ExternKind.FUNC || e.index() < imported) continue;
                    List<Instruction> body = m.codes().get(e.index() - imported).body().instructions();
                    if (body.stream().anyMatch(in -> in.op == op)) confirmed.add(op);
                    else contradictions.add(e.name() + " in " + wasm.getFileName());
                }
            }
        }
        assertThat(contradictions).isEmpty();
        long simd = confirmed.stream().filter(Opcode::isSimd).count();
        assertThat(simd).as("SIMD opcodes confirmed").isGreaterThan(150);
        assertThat(confirmed.size() - simd).as("other opcodes confirmed").isGreaterThan(80);
    }
}
