package dev.lia.cli;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden tests: each {@code src/test/resources/lia/golden/NAME.lia} starts with a line
 * {@code #! COMMAND ARGS...}; the test runs {@code lia COMMAND NAME.lia ARGS...} and compares
 * {@code exit N}, stdout and stderr with {@code NAME.expected}. Run with
 * {@code -Dlia.golden.update=true} to rewrite the expected files (then review the diff).
 */
class GoldenTest {
    static final Path DIR = Path.of("src/test/resources/lia/golden");

    @TestFactory
    Stream<DynamicTest> golden() throws IOException {
        List<Path> scripts;
        try (Stream<Path> files = Files.list(DIR)) {
            scripts = files.filter(p -> p.toString().endsWith(".lia")).sorted().toList();
        }
        assertThat(scripts).isNotEmpty();
        return scripts.stream().map(script -> DynamicTest.dynamicTest(script.getFileName().toString(), () -> check(script)));
    }

    private static void check(Path script) throws IOException {
        String first = Files.readAllLines(script).get(0);
        assertThat(first).as("first line of " + script).startsWith("#! ");
        String[] words = first.substring(3).trim().split("\\s+");
        List<String> args = new ArrayList<>();
        args.add(words[0]);
        args.add(script.toString());
        for (int i = 1; i < words.length; i++) args.add(words[i].replace("\\s", " "));
        String actual = LiaCli.run(args.toArray(new String[0])).transcript();
        Path expected = Path.of(script.toString().replaceAll("\\.lia$", ".expected"));
        if (Boolean.getBoolean("lia.golden.update")) Files.writeString(expected, actual);
        assertThat(actual).as(script.toString()).isEqualTo(Files.readString(expected));
    }
}
