package dev.lia.cli;

import dev.lia.script.syntax.Source;
import dev.lia.wasm.UnsupportedFeatureException;
import dev.lia.wasm.compile.CompiledModule;
import dev.lia.wasm.compile.ModuleCompiler;
import dev.lia.wasm.syntax.Module;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Reading the files the script commands take: a script (UTF-8 text) and a module (binary or text format). */
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

    /** A module in the binary ({@code .wasm}) or text ({@code .wat}) format, decoded, validated and compiled. */
    static CompiledModule module(String command, Path file) {
        Module m = ModuleFiles.decode(file, bytes(command, file));
        ModuleFiles.validate(file, m);
        try {
            return ModuleCompiler.compile(m);
        } catch (UnsupportedFeatureException e) {
            throw new CliException(Main.BAD_INPUT, command + ": " + file + ": unsupported: " + e.getMessage() + ModuleFiles.at(e.offset()));
        }
    }

    static byte[] bytes(String command, Path file) {
        return ModuleFiles.read(file, command);
    }
}
