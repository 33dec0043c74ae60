package dev.lia.cli;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The examples of docs/lia.md typed into {@code lia repl examples/demo/demo.wasm}, line by line: each
 * prints what {@code lia run} prints for it. An example's {@code --arg NAME=VALUE} is typed first as
 * {@code .input NAME=VALUE}; positions are in the entry (the REPL's {@code input:L:C}, L counted from
 * the entry's first line, where {@code lia run} has {@code example.lia} and the script's line); a
 * blocked example prints the REPL's hint to answer it after the request.
 *
 * <p>Left out: the two examples of {@code instantiate}, because a variable holding an instance lives
 * in its entry only (an instance is no value an entry can hand to the next), so typed line by line
 * their later lines do not see it; {@link ReplStatementsTest#anInstanceLivesInItsEntry} runs them
 * as one entry each.
 */
class ReplDocsTest {
    static final String BLOCKED_HINT = "  (answer with .answer VALUE..., or give the entry up with .drop)\n";
    private static final Pattern ARG = Pattern.compile("--arg (\\S+)");
    private static final Pattern PLACE = Pattern.compile("example\\.lia:(\\d+):(\\d+)");

    @TestFactory
    Stream<DynamicTest> examples() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        List<String> lines = Files.readAllLines(LiaDocsTest.DOC);
        int examples = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).startsWith("```lia")) continue;
            examples++;
            StringBuilder typed = new StringBuilder();
            for (Matcher m = ARG.matcher(lines.get(i)); m.find(); ) typed.append(".input ").append(m.group(1)).append('\n');
            int start = i + 1;
            StringBuilder script = new StringBuilder();
            for (i++; !lines.get(i).equals("```"); i++) script.append(lines.get(i)).append('\n');
            int j = i + 1;
            while (lines.get(j).isBlank()) j++;
            StringBuilder output = new StringBuilder();
            for (j++; !lines.get(j).equals("```"); j++) output.append(lines.get(j)).append('\n');
            i = j;
            String s = script.toString();
            if (s.contains("instantiate(")) continue; // see the class comment
            boolean blocks = output.toString().startsWith("blocked");
            String expected = inEntries(s, output.toString()) + (blocks ? BLOCKED_HINT : "");
            // after a blocked entry, the REPL refuses the example's later lines until .answer (ReplStatementsTest answers)
            tests.add(DynamicTest.dynamicTest("docs/lia.md:" + start, () -> {
                if (blocks) assertThat(repl(typed + s)).startsWith(expected);
                else assertThat(repl(typed + s)).isEqualTo(expected);
            }));
        }
        assertThat(tests).hasSize(examples - 2);
        return tests.stream();
    }

    /** The output with each {@code example.lia:LINE:COL} as the REPL places it: {@code input:L:COL}, L in the entry holding LINE. */
    static String inEntries(String script, String output) {
        List<Integer> entryStart = new ArrayList<>(); // for each line of the script (1-based), the first line of its entry
        entryStart.add(0);
        StringBuilder entry = new StringBuilder();
        int first = 1;
        String[] lines = script.split("\n", -1);
        for (int n = 1; n <= lines.length; n++) {
            entry.append(lines[n - 1]).append('\n');
            entryStart.add(first);
            if (ReplInput.complete(entry.toString())) {
                entry.setLength(0);
                first = n + 1;
            }
        }
        Matcher m = PLACE.matcher(output);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            int line = Integer.parseInt(m.group(1));
            m.appendReplacement(out, "input:" + (line - entryStart.get(line) + 1) + ":" + m.group(2));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String repl(String input) {
        java.io.InputStream saved = System.in;
        System.setIn(new java.io.ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        try {
            LiaCli.Result r = LiaCli.run("repl", "examples/demo/demo.wasm");
            String out = r.out();
            assertThat(out).startsWith("module $demo (demo.wasm): exports ");
            return out.substring(out.indexOf('\n') + 1) + r.err();
        } finally {
            System.setIn(saved);
        }
    }
}
