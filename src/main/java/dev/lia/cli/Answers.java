package dev.lia.cli;

import dev.lia.script.syntax.Type;
import dev.lia.script.value.Value;
import dev.lia.script.value.ValueText;
import dev.lia.script.vm.Outcome;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Answers to a blocked request as a person types them ({@code lia resume --result}, {@code answer} in
 * {@code lia debug}): each read by the type the request expects in its place, or by the type it names
 * ({@code i32:5}, {@code octs:"hi"}); octs also as {@code hex:00ff} or {@code @path} (a file's bytes).
 */
final class Answers {
    private Answers() {}

    /**
     * The values; a wrong count or an unreadable value is a {@link CliException} starting with
     * {@code command}, naming a value as {@code label N} ("--result 2").
     */
    static List<Value> parse(String command, String label, Outcome.Blocked request, List<String> texts) {
        List<Value> values = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            Type type = i < request.expects().size() ? request.expects().get(i) : null;
            int colon = text.indexOf(':');
            if (colon > 0) {
                Type named = Type.byName(text.substring(0, colon));
                if (named != null) {
                    type = named;
                    text = text.substring(colon + 1);
                }
            }
            if (type == null) {
                throw new CliException(Main.BAD_INPUT, command + ": " + request.name() + " expects " + request.expects().size() + " value"
                        + (request.expects().size() == 1 ? "" : "s") + ", got " + texts.size());
            }
            try {
                values.add(type == Type.OCTS && text.startsWith("@")
                        ? Value.octsOwned(ScriptFiles.bytes(command, Path.of(text.substring(1))))
                        : ValueText.parse(text, type));
            } catch (IllegalArgumentException e) {
                throw new CliException(Main.BAD_INPUT, command + ": " + label + " " + (i + 1) + ": " + e.getMessage());
            }
        }
        return values;
    }

    /** Words of a command line, where a double-quoted string (with backslash escapes) is one word even with spaces. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean quoted = false, any = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                w.append(c);
                if (c == '\\' && i + 1 < line.length()) w.append(line.charAt(++i));
                else if (c == '"') quoted = false;
            } else if (Character.isWhitespace(c)) {
                if (any) words.add(w.toString());
                w.setLength(0);
                any = false;
            } else {
                w.append(c);
                any = true;
                if (c == '"') quoted = true;
            }
        }
        if (any) words.add(w.toString());
        return words;
    }
}
