package dev.lia.wasm.text;

import dev.lia.wasm.MalformedException;
import dev.lia.wasm.binary.ModuleDecoder;
import dev.lia.wasm.binary.ModuleEncoder;
import dev.lia.wasm.syntax.Module;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the spec runner needs from the text format: a {@code .wast} script as commands in wast2json's
 * JSON form (each module as a {@link WastModule} under {@link #MODULE_KEY} instead of a file name), and
 * modules from text as the binary decoder would give them, malformed text as a {@link MalformedException}.
 */
public final class TextModules {
    /** The key under which a command in JSON form carries its {@link WastModule}. */
    public static final String MODULE_KEY = "lia.module";

    private TextModules() {}

    /** The commands of a script, in wast2json's form. */
    public static List<Map<String, Object>> commands(String name, byte[] utf8) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ScriptCommand c : WastParser.parse(name, utf8)) out.add(toJson(c));
        return out;
    }

    /** One command in wast2json's form. */
    public static Map<String, Object> toJson(ScriptCommand c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", c.type());
        m.put("line", (long) c.line());
        if (c instanceof ScriptCommand.DefineModule d) {
            if (d.module().id() != null) m.put("name", d.module().id());
            m.put(MODULE_KEY, d.module());
        } else if (c instanceof ScriptCommand.DefineOnly d) {
            if (d.module().id() != null) m.put("name", d.module().id());
            m.put(MODULE_KEY, d.module());
        } else if (c instanceof ScriptCommand.InstantiateDefinition i) {
            if (i.instance() != null) m.put("instance", i.instance());
            if (i.definition() != null) m.put("module", i.definition());
        } else if (c instanceof ScriptCommand.Register r) {
            if (r.module() != null) m.put("name", r.module());
            m.put("as", r.as());
        } else if (c instanceof ScriptCommand.Action a) {
            m.put("action", a.action().toJson());
        } else if (c instanceof ScriptCommand.AssertReturn a) {
            m.put("action", a.action().toJson());
            List<Object> expected = new ArrayList<>();
            for (ScriptValue v : a.expected()) expected.add(v.toJson());
            m.put("expected", expected);
        } else if (c instanceof ScriptCommand.AssertTrap a) {
            m.put("action", a.action().toJson());
            m.put("text", a.text());
        } else if (c instanceof ScriptCommand.AssertException a) {
            m.put("action", a.action().toJson());
        } else if (c instanceof ScriptCommand.AssertModule a) {
            m.put("text", a.text());
            m.put("module_type", a.module().form() == WastModule.Form.BINARY ? "binary" : "text");
            m.put(MODULE_KEY, a.module());
        }
        return m;
    }

    /**
     * The module a command carries under {@link #MODULE_KEY}, as decoding its binary gives it: text is
     * parsed and encoded (names included), then decoded, so that it has byte offsets like any module.
     */
    public static Module decode(Object module) {
        WastModule w = (WastModule) module;
        if (w.form() == WastModule.Form.BINARY) {
            byte[] bytes;
            try {
                bytes = w.binary();
            } catch (TextFormatException e) {
                throw e.toMalformed();
            }
            return ModuleDecoder.decode(bytes);
        }
        Module m;
        try {
            m = w.module();
        } catch (TextFormatException e) {
            throw e.toMalformed();
        }
        return ModuleDecoder.decode(ModuleEncoder.encode(m));
    }

    /** A {@code .wat} file's module, decoded from its encoding; malformed text is a {@link MalformedException}. */
    public static Module decodeWat(Path file) throws IOException {
        Module m;
        try {
            m = TextFormat.parseModule(Files.readAllBytes(file), file.getFileName().toString());
        } catch (TextFormatException e) {
            throw e.toMalformed();
        }
        return ModuleDecoder.decode(ModuleEncoder.encode(m));
    }
}
