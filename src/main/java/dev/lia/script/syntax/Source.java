package dev.lia.script.syntax;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A script's text and the name it is reported under (usually its path). */
public record Source(String name, String text) {

    public static Source read(Path path) throws IOException {
        return new Source(path.toString(), Files.readString(path, StandardCharsets.UTF_8));
    }

    /** The text of a 1-based line without its line break, or "" past the end. */
    public String line(int number) {
        String[] lines = text.split("\r\n|\r|\n", -1);
        return number >= 1 && number <= lines.length ? lines[number - 1] : "";
    }

    /** {@code name:line:col}. */
    public String where(Pos pos) {
        return name + ":" + pos.line() + ":" + pos.col();
    }
}
