package dev.lia.cli;

import dev.lia.wasm.InvalidException;
import dev.lia.wasm.MalformedException;
import dev.lia.wasm.binary.ModuleDecoder;
import dev.lia.wasm.binary.ModuleEncoder;
import dev.lia.wasm.syntax.Module;
import dev.lia.wasm.text.TextFormat;
import dev.lia.wasm.text.TextFormatException;
import dev.lia.wasm.valid.Validator;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reading modules from files for the commands: the binary format ({@code .wasm}) or the text format
 * ({@code .wat}). A {@code .wasm} file is always read as a binary and a {@code .wat} file as text; any
 * other name is told by the content (a binary starts with {@code \0asm}). Problems become {@link CliException}s with exit code 2 and one clean line:
 * {@code FILE:LINE:COLUMN: message} for text, {@code malformed: message at byte offset N} for binaries (as {@code lia call} always said).
 */
final class ModuleFiles {
    private static final byte[] MAGIC = {0x00, 0x61, 0x73, 0x6D};

    private ModuleFiles() {}

    /** The file's bytes. {@code command} ("lia call") starts error messages. */
    static byte[] read(Path file, String command) {
        try {
            if (Files.isDirectory(file)) throw new CliException(Main.BAD_INPUT, command + ": " + file + " is a directory");
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CliException(Main.BAD_INPUT, command + ": " + file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new CliException(Main.BAD_INPUT, command + ": " + file + ": permission denied");
        } catch (IOException e) {
            throw new CliException(Main.BAD_INPUT, command + ": cannot read " + file + ": " + e.getMessage());
        }
    }

    static boolean isBinary(byte[] bytes) {
        if (bytes.length < MAGIC.length) return false;
        for (int i = 0; i < MAGIC.length; i++) if (bytes[i] != MAGIC[i]) return false;
        return true;
    }

    /**
     * The module in a file's bytes, as decoding its binary gives it (text is parsed and encoded first, so
     * the module has byte offsets and names like any binary). Not validated.
     */
    static Module decode(Path file, byte[] bytes) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        boolean binary = name.endsWith(".wasm") || (!name.endsWith(".wat") && isBinary(bytes));
        if (binary) {
            try {
                return ModuleDecoder.decode(bytes);
            } catch (MalformedException e) {
                throw new CliException(Main.BAD_INPUT, file + ": malformed: " + e.getMessage() + at(e.offset()));
            }
        }
        return ModuleDecoder.decode(ModuleEncoder.encode(parseText(file, bytes)));
    }

    /** A text module; errors as {@code FILE:LINE:COLUMN: message}. */
    static Module parseText(Path file, byte[] bytes) {
        try {
            return TextFormat.parseModule(bytes, file.toString());
        } catch (TextFormatException e) {
            throw new CliException(Main.BAD_INPUT, file + ":" + (e.line() > 0 ? e.line() + ":" + e.column() + ":" : "") + " " + e.getMessage());
        } catch (MalformedException e) { // (module binary ...) inside a text file
            throw new CliException(Main.BAD_INPUT, file + ": malformed: " + e.getMessage() + at(e.offset()));
        }
    }

    /**
     * Validates; errors as {@code FILE: invalid: message at byte offset N}, or for a text module
     * {@code FILE:LINE:COL: invalid: message} at the instruction in the text.
     */
    static void validate(Path file, Module m) {
        try {
            Validator.validate(m);
        } catch (InvalidException e) {
            throw invalid(file, e);
        }
    }

    private static CliException invalid(Path file, InvalidException e) {
        String where = textPosition(file, e);
        return new CliException(Main.BAD_INPUT, where != null ? file + ":" + where + ": invalid: " + e.getMessage()
                : file + ": invalid: " + e.getMessage() + at(e.offset()));
    }

    /**
     * Where in a text module's file the validation error {@code e} is, as {@code LINE:COL}, or null (a
     * binary, an error outside the code, {@code (module binary ...)}). The text is parsed again, and
     * its module, whose instructions carry their text positions, validated: only when that gives the
     * same error is its position used.
     */
    private static String textPosition(Path file, InvalidException e) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        if (name.endsWith(".wasm")) return null;
        dev.lia.wasm.text.TextSource source;
        try {
            byte[] bytes = Files.readAllBytes(file);
            if (isBinary(bytes)) return null;
            source = new dev.lia.wasm.text.TextSource(file.toString(), new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException io) {
            return null;
        }
        if (EMBEDDED_MODULE.matcher(source.text()).find()) return null;
        try {
            Validator.validate(TextFormat.parseModule(source));
            return null;
        } catch (InvalidException t) {
            int pos = TextFormat.textPosition(t.offset());
            boolean same = java.util.Objects.equals(t.getMessage(), e.getMessage()) && pos > 0 && pos < source.length();
            return same ? source.line(pos) + ":" + source.column(pos) : null;
        } catch (RuntimeException other) {
            return null;
        }
    }

    /** A module written as bytes or quoted text inside a text file: its positions are not the file's. */
    private static final java.util.regex.Pattern EMBEDDED_MODULE = java.util.regex.Pattern.compile("\\(module\\s+(\\$\\S+\\s+)?(binary|quote)\\b");

    /**
     * Validates and compiles; errors name the file: {@code FILE: malformed:}, {@code FILE: invalid:}
     * (for text: {@code FILE:LINE:COL: invalid:}) or {@code FILE: unsupported:}, with the message.
     */
    static dev.lia.wasm.compile.CompiledModule compile(Path file, Module m) {
        try {
            Validator.validate(m);
            return dev.lia.wasm.compile.ModuleCompiler.compile(m);
        } catch (MalformedException e) {
            throw new CliException(Main.BAD_INPUT, file + ": malformed: " + e.getMessage() + at(e.offset()));
        } catch (InvalidException e) {
            throw invalid(file, e);
        } catch (dev.lia.wasm.UnsupportedFeatureException e) {
            throw new CliException(Main.BAD_INPUT, file + ": unsupported: " + e.getMessage() + at(e.offset()));
        }
    }

    static String at(int offset) {
        return offset >= 0 ? " at byte offset " + offset : "";
    }
}
