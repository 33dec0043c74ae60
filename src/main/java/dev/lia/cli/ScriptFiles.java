package dev.lia.cli;

import dev.lia.script.Lia;
import dev.lia.script.syntax.Source;
import dev.lia.wasm.InvalidException;
import dev.lia.wasm.MalformedException;
import dev.lia.wasm.UnsupportedFeatureException;
import dev.lia.wasm.compile.CompiledModule;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reading the files the script commands take: a script (UTF-8 text) and a module (binary, or text format). */
final class ScriptFiles {
    private ScriptFiles() {}

    static Source script(String command, Path file) {
        byte[] bytes = bytes(command, file);
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            return new Source(file.toString(), text);
        } catch (CharacterCodingException e) {
            throw new CliException(Main.BAD_INPUT, command + ": " + file + " is not UTF-8 text");
        }
    }

    static CompiledModule module(String command, Path file) {
        byte[] bytes = bytes(command, file);
        try {
            return Lia.loadModule(ModuleFiles.binary(file, bytes)); // .wat modules too (text-format hook)
        } catch (MalformedException e) {
            throw new CliException(Main.BAD_INPUT, command + ": " + file + ": malformed: " + e.getMessage() + at(e.offset()));
        } catch (InvalidException e) {
            throw new CliException(Main.BAD_INPUT, command + ": " + file + ": invalid: " + e.getMessage() + at(e.offset()));
        } catch (UnsupportedFeatureException e) {
            throw new CliException(Main.BAD_INPUT, command + ": " + file + ": unsupported: " + e.getMessage() + at(e.offset()));
        }
    }

    static byte[] bytes(String command, Path file) {
        try {
            if (Files.isDirectory(file)) throw new CliException(Main.BAD_INPUT, command + ": " + file + " is a directory");
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CliException(Main.BAD_INPUT, command + ": " + file + ": no such file");
        } catch (IOException e) {
            throw new CliException(Main.BAD_INPUT, command + ": cannot read " + file + ": " + e.getMessage());
        }
    }

    private static String at(int offset) {
        return offset >= 0 ? " at byte offset " + offset : "";
    }
}
