package dev.lia.wasm.text;

import dev.lia.wasm.MalformedException;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Text that is almost right: suite modules with a character or token removed, doubled or replaced
 * (fixed seed). Reading them gives a module or a {@link TextFormatException}, never another exception.
 */
class MutationTest {
    private static final String[] TOKENS = {"(", ")", "\"", "$x", "0x", "1.5", "-1", "nan:0x1", "i32", "func", "end",
            "else", "(;", ";;", "offset=1", "align=3", "\\", "block", "(then", "(param $p i32)", "ref.null", "\u00e9"};

    @Test
    void mutatedModulesFailCleanly() throws Exception {
        Random random = new Random(4);
        List<String> texts = new ArrayList<>();
        for (String name : new String[] {"block", "if", "br_table", "call_indirect", "elem", "data", "memory", "imports",
                "exports", "func", "global", "table_init", "select", "float_literals", "const"}) {
            Path p = Suite.root().resolve("2.0/wast/" + name + ".wast");
            for (ScriptCommand c : WastParser.parse(name, Files.readAllBytes(p))) {
                if (c instanceof ScriptCommand.DefineModule d && d.module().form() == WastModule.Form.TEXT) texts.add(d.module().text());
            }
        }
        List<String> problems = new ArrayList<>();
        int runs = 0;
        for (String text : texts) {
            for (int k = 0; k < 15; k++) {
                String mutated = mutate(text, random);
                runs++;
                try {
                    TextFormat.parseModule(mutated);
                } catch (TextFormatException | MalformedException e) {
                    // fine
                } catch (RuntimeException | StackOverflowError e) {
                    if (problems.size() < 5) problems.add(e + "\n" + mutated);
                }
            }
        }
        assertThat(runs).isGreaterThan(500);
        assertThat(problems).isEmpty();
    }

    static String mutate(String text, Random r) {
        int at = r.nextInt(text.length());
        int len = 1 + r.nextInt(6);
        return switch (r.nextInt(3)) {
            case 0 -> text.substring(0, at) + text.substring(Math.min(text.length(), at + len));
            case 1 -> text.substring(0, at) + " " + TOKENS[r.nextInt(TOKENS.length)] + " " + text.substring(at);
            default -> text.substring(0, at) + TOKENS[r.nextInt(TOKENS.length)] + text.substring(Math.min(text.length(), at + len));
        };
    }
}
