package dev.lia.wasm.binary;

/**
 * The binary sections, declared in the order they must appear (custom sections may appear anywhere).
 * The data count section's id is 12 but it comes between the element and code sections; the tag section's
 * (13, exception handling) between the memory and global sections.
 */
enum SectionId {
    CUSTOM(0), TYPE(1), IMPORT(2), FUNCTION(3), TABLE(4), MEMORY(5), TAG(13), GLOBAL(6), EXPORT(7), START(8),
    ELEMENT(9), DATA_COUNT(12), CODE(10), DATA(11);

    private static final SectionId[] BY_ID = new SectionId[14];

    static {
        for (SectionId s : values()) BY_ID[s.id] = s;
    }

    final int id;

    SectionId(int id) {
        this.id = id;
    }

    /** The section with this id byte, or null. */
    static SectionId of(int id) {
        return id < BY_ID.length ? BY_ID[id] : null;
    }

    /** Whether a section of this kind may follow one of {@code previous} (each kind appears at most once). */
    boolean mayFollow(SectionId previous) {
        return previous == null || ordinal() > previous.ordinal();
    }
}
