package dev.lia.wasm;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine's packages form a pipeline (syntax, decode, validate, compile, execute), with the
 * debugger and the text format beside it: no stage reaches up into the text format, the spec-script
 * runner, the Lia script language or the CLI. Read from the sources, so a new import that breaks a
 * layer fails here rather than in a review.
 */
class PipelineLayersTest {
    private static final Path MAIN = Path.of("src/main/java/dev/lia");
    /** Package -> packages it must never name. */
    private static final Map<String, List<String>> FORBIDDEN = Map.of(
            "wasm/syntax", List.of("dev.lia.wasm.binary", "dev.lia.wasm.valid", "dev.lia.wasm.exec", "dev.lia.wasm.text"),
            "wasm/binary", List.of("dev.lia.wasm.text", "dev.lia.wasm.spec", "dev.lia.wasm.exec", "dev.lia.script", "dev.lia.cli"),
            "wasm/valid", List.of("dev.lia.wasm.text", "dev.lia.wasm.spec", "dev.lia.wasm.exec", "dev.lia.script", "dev.lia.cli"),
            "wasm/compile", List.of("dev.lia.wasm.text", "dev.lia.wasm.spec", "dev.lia.script", "dev.lia.cli"),
            "wasm/exec", List.of("dev.lia.wasm.text", "dev.lia.wasm.spec", "dev.lia.wasm.debug", "dev.lia.script", "dev.lia.cli"),
            "wasm/runtime", List.of("dev.lia.wasm.text", "dev.lia.wasm.spec", "dev.lia.script", "dev.lia.cli"),
            "wasm/debug", List.of("dev.lia.wasm.text", "dev.lia.wasm.spec", "dev.lia.script", "dev.lia.cli"));
    private static final Pattern NAMED = Pattern.compile("dev\\.lia\\.[a-z0-9_.]*[a-z0-9_]");

    @Test
    void noPipelineStageNamesALayerAboveIt() throws IOException {
        List<String> violations = new ArrayList<>();
        for (var rule : FORBIDDEN.entrySet()) {
            Path dir = MAIN.resolve(rule.getKey());
            assertThat(dir).as("package folder").isDirectory();
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    String code = withoutComments(Files.readString(f));
                    Matcher m = NAMED.matcher(code);
                    while (m.find()) {
                        for (String bad : rule.getValue()) {
                            String name = m.group();
                            if (name.equals(bad) || name.startsWith(bad + ".")) violations.add(MAIN.relativize(f) + " names " + name);
                        }
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void theCheckSeesAnImportAndIgnoresAComment() {
        String code = withoutComments("import dev.lia.wasm.text.WatPrinter;\n// dev.lia.cli.Main\n/** {@link dev.lia.script.X} */");
        Matcher m = NAMED.matcher(code);
        List<String> seen = new ArrayList<>();
        while (m.find()) seen.add(m.group());
        assertThat(seen).containsExactly("dev.lia.wasm.text"); // the package: a class name ends the match
    }

    /** Comments may name any package (to say why a layer does not): only code counts. */
    private static String withoutComments(String java) {
        return java.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\n]*", " ");
    }
}
