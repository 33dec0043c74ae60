package dev.lia.wasm.text;

import dev.lia.wasm.MalformedException;
import dev.lia.wasm.binary.ModuleDecoder;
import dev.lia.wasm.binary.ModuleEncoder;
import dev.lia.wasm.syntax.FunctionBody;
import dev.lia.wasm.syntax.Local;
import dev.lia.wasm.syntax.Module;
import dev.lia.wasm.syntax.Names;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * wasm2wat on every binary of the suite (wast2json's, SIMD included) that decodes: the printed text
 * parses back to the same module.
 */
class PrinterOnBinariesTest {

    @Test
    void everySuiteBinaryPrintsToTextThatReadsBack() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(Suite.root().resolve("2.0/json"))) {
            files = s.filter(p -> p.toString().endsWith(".wasm")).sorted().toList();
        }
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Path f : files) {
            Module original;
            try {
                original = ModuleDecoder.decode(Files.readAllBytes(f));
            } catch (MalformedException e) {
                continue;
            }
            checked++;
            String text = WatPrinter.print(original);
            try {
                Module back = ModuleDecoder.decode(ModuleEncoder.encode(TextFormat.parseModule(text)));
                if (!normal(back).equals(normal(original))) problems.add(f.getFileName() + ": differs\n" + text);
            } catch (RuntimeException e) {
                problems.add(f.getFileName() + ": " + e + "\n" + text);
            }
        }
        assertThat(checked).isGreaterThan(3000);
        assertThat(problems).as(() -> String.join("\n", problems.subList(0, Math.min(5, problems.size())))).isEmpty();
    }

    /**
     * Without what the text format cannot say: byte positions, custom sections and names, how locals
     * are grouped in runs, and whether a data count section is there.
     */
    static Module normal(Module m) {
        List<FunctionBody> codes = new ArrayList<>();
        for (FunctionBody b : m.codes()) {
            List<Local> runs = new ArrayList<>();
            for (Local l : b.locals()) {
                int last = runs.size() - 1;
                if (l.count() == 0) continue;
                if (last >= 0 && runs.get(last).type() == l.type()) runs.set(last, new Local(runs.get(last).count() + l.count(), l.type()));
                else runs.add(l);
            }
            codes.add(new FunctionBody(runs, b.body(), 0, 0));
        }
        return new Module(m.types(), m.imports(), m.functions(), m.tables(), m.memories(), m.globals(), m.exports(),
                m.start(), m.elements(), -1, codes, m.datas(), List.of(), Names.EMPTY, List.of(), m.typeSection());
    }
}
