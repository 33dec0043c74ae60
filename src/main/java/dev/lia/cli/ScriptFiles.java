package dev.lia.cli;

import dev.lia.script.compile.Program;
import dev.lia.script.syntax.Source;
import dev.lia.script.syntax.Type;
import dev.lia.script.value.Value;
import dev.lia.script.value.ValueText;
import dev.lia.wasm.UnsupportedFeatureException;
import dev.lia.wasm.compile.CompiledModule;
import dev.lia.wasm.compile.ModuleCompiler;
import dev.lia.wasm.syntax.Module;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reading what the script commands take: a script (UTF-8 text), a module (binary or text format), inputs. */
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

    /** The module given, or, without one, an empty module: a script that uses no export, memory or global runs against it. */
    static CompiledModule moduleOrEmpty(String command, Path file) {
        return file != null ? module(command, file) : dev.lia.wasm.Pipeline.loadText("(module)".getBytes(StandardCharsets.UTF_8), "empty.wat");
    }

    /** Said after compile errors when no module was given. */
    static final String NO_MODULE = "(no --module was given: the script was checked against an empty module)";

    static byte[] bytes(String command, Path file) {
        return ModuleFiles.read(file, command);
    }

    /** The script's inputs from {@code --arg NAME=VALUE} options, each read by the input's type; every input must be given once. */
    static Map<String, Value> inputs(String command, List<String> args, Program program) {
        Map<String, Value> values = new LinkedHashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq <= 0) throw new CliException(Main.BAD_INPUT, command + ": --arg takes NAME=VALUE, got '" + a + "'");
            String name = a.substring(0, eq);
            String text = a.substring(eq + 1);
            Program.Input in = program.inputs().stream().filter(i -> i.name().equals(name)).findFirst().orElse(null);
            if (in == null) {
                throw new CliException(Main.BAD_INPUT, command + ": the script has no input '" + name + "'; its inputs are: "
                        + (program.inputs().isEmpty() ? "none" : String.join(", ", program.inputs().stream().map(Program.Input::name).toList())));
            }
            if (values.containsKey(name)) throw new CliException(Main.BAD_INPUT, command + ": input '" + name + "' is given twice");
            try {
                values.put(name, in.type() == Type.OCTS && text.startsWith("@")
                        ? Value.octsOwned(bytes(command, Path.of(text.substring(1))))
                        : ValueText.parse(text, in.type()));
            } catch (IllegalArgumentException e) {
                throw new CliException(Main.BAD_INPUT, command + ": input '" + name + "': " + e.getMessage());
            }
        }
        for (Program.Input in : program.inputs()) {
            if (!values.containsKey(in.name())) {
                throw new CliException(Main.BAD_INPUT, command + ": missing input '" + in.name() + "' (" + in.type() + "): give --arg "
                        + in.name() + "=VALUE");
            }
        }
        return values;
    }
}
