package dev.lia.script.syntax;

/**
 * {@code module.name = extern} inside {@code instantiate(...)}: what one import of the module being
 * instantiated is linked to.
 */
public record ImportBinding(Pos pos, String module, String name, ExternRef extern) {
    /** The import's name as the script writes it, for messages. */
    public String qualifiedName() {
        return module + "." + name;
    }

    /** Something of the running program an import can be linked to. */
    public sealed interface ExternRef {
        Pos pos();
    }

    /** {@code memory} or {@code memory[k]}: a memory of the script's module, by index. */
    public record MemoryRef(Pos pos, int index) implements ExternRef {}

    /** {@code table} or {@code table[k]}: a table of the script's module, by index. */
    public record TableRef(Pos pos, int index) implements ExternRef {}

    /** {@code global.name}: an exported global of the script's module. */
    public record GlobalRef(Pos pos, String name) implements ExternRef {}

    /** {@code name}: any export of the script's module. */
    public record ExportRef(Pos pos, String name) implements ExternRef {}

    /** {@code inst.name}: an export of an instance the script instantiated. */
    public record InstanceExportRef(Pos pos, String instance, String name) implements ExternRef {}
}
