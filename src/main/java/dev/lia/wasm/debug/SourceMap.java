package dev.lia.wasm.debug;

import dev.lia.wasm.syntax.CustomSection;
import dev.lia.wasm.syntax.FunctionBody;
import dev.lia.wasm.syntax.Module;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Source lines of a module compiled with debug information: the line programs of its
 * {@code .debug_line} custom section (DWARF 2 to 5, as clang emits them for wasm32), mapped to
 * instruction byte offsets in the module.
 *
 * <p>For WebAssembly, DWARF addresses are offsets from the start of the code section's contents
 * (its function count), so a row's module byte offset is that start plus its address. Sequences of
 * functions the linker dropped carry tombstone addresses that fall outside every function body and
 * are ignored.
 */
public final class SourceMap {
    /** No debug information. */
    public static final SourceMap EMPTY = new SourceMap(new Row[0]);

    /**
     * One row of a line table.
     *
     * @param offset      the module byte offset the row starts at
     * @param file        the source file, with its directory when the table gives one
     * @param line        the line (0: code that belongs to no line)
     * @param column      the column (0: unknown)
     * @param statement   whether the row begins a statement (DWARF's is_stmt): where a breakpoint on the line goes
     * @param endSequence the first byte after a sequence (a function); the row has no line of its own
     */
    public record Row(int offset, String file, int line, int column, boolean statement, boolean endSequence) {}

    private final Row[] rows;

    private SourceMap(Row[] rows) {
        this.rows = rows;
    }

    /**
     * The source map of a decoded module. The start of the code section is worked out from the first
     * function body's offset (the function count before it in minimal LEB128, as linkers write it);
     * {@link #of(Module, byte[])} reads it from the binary instead.
     */
    public static SourceMap of(Module m) {
        if (m.codes().isEmpty()) return EMPTY;
        return of(m, m.codes().get(0).offset() - ulebSize(m.codes().size()));
    }

    /** The source map of a module decoded from {@code binary}, with the code section's start read from it. */
    public static SourceMap of(Module m, byte[] binary) {
        int start = codeSectionStart(binary);
        return start < 0 ? of(m) : of(m, start);
    }

    /** The source map with DWARF addresses counted from module byte offset {@code codeStart}. */
    public static SourceMap of(Module m, int codeStart) {
        byte[] lines = custom(m, ".debug_line");
        if (lines == null) return EMPTY;
        try {
            List<Row> rows = new LineProgramReader(lines, custom(m, ".debug_line_str"), custom(m, ".debug_str")).read(codeStart);
            return new SourceMap(clean(rows, m).toArray(new Row[0]));
        } catch (RuntimeException e) { // debug information never makes a module unusable
            return EMPTY;
        }
    }

    private static byte[] custom(Module m, String name) {
        for (CustomSection c : m.customs()) if (c.name().equals(name)) return c.contents();
        return null;
    }

    /** Keeps sequences that start inside a function body, sorted by offset. */
    private static List<Row> clean(List<Row> rows, Module m) {
        int[][] bodies = new int[m.codes().size()][];
        for (int i = 0; i < bodies.length; i++) {
            FunctionBody b = m.codes().get(i);
            bodies[i] = new int[] {b.offset(), b.endOffset()};
        }
        List<List<Row>> sequences = new ArrayList<>();
        List<Row> current = new ArrayList<>();
        for (Row r : rows) {
            current.add(r);
            if (r.endSequence()) {
                sequences.add(current);
                current = new ArrayList<>();
            }
        }
        List<Row> kept = new ArrayList<>();
        for (List<Row> seq : sequences) {
            int start = seq.get(0).offset();
            boolean inside = false;
            for (int[] b : bodies) inside |= start >= b[0] && start <= b[1];
            if (inside) kept.addAll(seq);
        }
        // stable: within a sequence rows keep their order, end_sequence after the rows it ends
        kept.sort(Comparator.comparingInt(Row::offset).thenComparing(r -> !r.endSequence()));
        return kept;
    }

    /** Where the code section's contents start in a binary module, or -1. */
    static int codeSectionStart(byte[] b) {
        int pos = 8;
        try {
            while (pos < b.length) {
                int id = b[pos++] & 0xFF;
                long size = 0;
                int shift = 0;
                int x;
                do {
                    x = b[pos++] & 0xFF;
                    size |= (long) (x & 0x7F) << shift;
                    shift += 7;
                } while ((x & 0x80) != 0);
                if (id == 10) return pos;
                pos += (int) size;
            }
        } catch (ArrayIndexOutOfBoundsException e) {
            return -1;
        }
        return -1;
    }

    private static int ulebSize(long v) {
        int n = 1;
        while ((v >>>= 7) != 0) n++;
        return n;
    }

    public boolean isEmpty() {
        return rows.length == 0;
    }

    public List<Row> rows() {
        return List.of(rows);
    }

    /** The source position of the code at a module byte offset, or null when no line covers it. */
    public SourceLocation at(int offset) {
        int i = lastRowAtOrBefore(offset);
        if (i < 0) return null;
        Row r = rows[i];
        if (r.endSequence() || r.line() == 0) return null;
        return new SourceLocation(r.file(), r.line(), r.column());
    }

    /** Whether a statement row (is_stmt) of a real line starts exactly at this offset. */
    public boolean isStatementStart(int offset) {
        int i = lastRowAtOrBefore(offset);
        for (; i >= 0 && rows[i].offset() == offset; i--) {
            if (rows[i].statement() && !rows[i].endSequence() && rows[i].line() != 0) return true;
        }
        return false;
    }

    private int lastRowAtOrBefore(int offset) {
        int lo = 0;
        int hi = rows.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (rows[mid].offset() <= offset) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        // among rows at the same offset, the last one that is not an end_sequence describes the code there
        while (found > 0 && rows[found].endSequence() && rows[found - 1].offset() == rows[found].offset()) found--;
        return found;
    }

    /** The source files the line tables name, in order of first appearance. */
    public List<String> files() {
        Set<String> files = new LinkedHashSet<>();
        for (Row r : rows) if (!r.endSequence()) files.add(r.file());
        return List.copyOf(files);
    }

    /**
     * Whether a file named in the tables is the one a user means by {@code name}: the same path, or one
     * ends with the other at a path separator ({@code demo.c}, {@code src/demo.c}, {@code /home/me/src/demo.c}).
     */
    public static boolean sameFile(String tableFile, String name) {
        String a = strip(tableFile.replace('\\', '/'));
        String b = strip(name.replace('\\', '/'));
        return a.equals(b) || a.endsWith("/" + b) || b.endsWith("/" + a);
    }

    private static String strip(String path) {
        while (path.startsWith("./")) path = path.substring(2);
        return path;
    }

    /**
     * Where a breakpoint on {@code file:line} goes: in each sequence (function) that has statement rows
     * for the line, the lowest such offset. A line without code moves to the next line that has some,
     * as debuggers do; the result is empty if there is none.
     */
    public Resolved resolve(String file, int line) {
        TreeSet<Integer> lines = new TreeSet<>();
        for (Row r : rows) {
            if (!r.endSequence() && r.statement() && r.line() >= line && sameFile(r.file(), file)) lines.add(r.line());
        }
        if (lines.isEmpty()) return new Resolved(null, line, List.of());
        int actual = lines.first();
        List<Integer> offsets = new ArrayList<>();
        String matched = null;
        int best = -1;
        for (Row r : rows) {
            if (r.endSequence()) {
                if (best >= 0) offsets.add(best);
                best = -1;
                continue;
            }
            if (r.statement() && r.line() == actual && sameFile(r.file(), file)) {
                if (best < 0 || r.offset() < best) best = r.offset();
                matched = r.file();
            }
        }
        if (best >= 0) offsets.add(best);
        int[] sorted = offsets.stream().mapToInt(Integer::intValue).distinct().sorted().toArray();
        return new Resolved(matched, actual, Arrays.stream(sorted).boxed().toList());
    }

    /**
     * A resolved source breakpoint.
     *
     * @param file    the file as the line table names it (null if nothing matched)
     * @param line    the line that has code (the one asked for, or the next with code)
     * @param offsets the module byte offsets to stop at, one per function
     */
    public record Resolved(String file, int line, List<Integer> offsets) {}

    /** Reads line programs; see the DWARF 5 standard, section 6.2. */
    private static final class LineProgramReader {
        private final byte[] b;
        private final byte[] lineStr;
        private final byte[] str;
        private int pos;

        LineProgramReader(byte[] b, byte[] lineStr, byte[] str) {
            this.b = b;
            this.lineStr = lineStr;
            this.str = str;
        }

        List<Row> read(int codeStart) {
            List<Row> rows = new ArrayList<>();
            while (pos < b.length) unit(rows, codeStart);
            return rows;
        }

        private void unit(List<Row> rows, int codeStart) {
            long length = u32();
            int offsetSize = 4;
            if (length == 0xFFFFFFFFL) {
                length = u64();
                offsetSize = 8;
            }
            int end = (int) Math.min(b.length, pos + length);
            int version = u16();
            if (version < 2 || version > 5) {
                pos = end;
                return;
            }
            int addressSize = 4;
            if (version >= 5) {
                addressSize = u8();
                u8(); // segment selector size
            }
            long headerLength = offsetSize == 8 ? u64() : u32();
            int program = (int) (pos + headerLength);
            int minInstLength = u8();
            if (version >= 4) u8(); // maximum operations per instruction: 1 outside VLIW
            boolean defaultIsStmt = u8() != 0;
            int lineBase = (byte) u8();
            int lineRange = u8();
            int opcodeBase = u8();
            int[] standardLengths = new int[opcodeBase];
            for (int i = 1; i < opcodeBase; i++) standardLengths[i] = u8();

            List<String> dirs = new ArrayList<>();
            List<String> files = new ArrayList<>();
            if (version >= 5) {
                int[][] dirFormat = entryFormat();
                long dirCount = uleb();
                for (long i = 0; i < dirCount; i++) dirs.add(entry(dirFormat, offsetSize, null));
                int[][] fileFormat = entryFormat();
                long fileCount = uleb();
                for (long i = 0; i < fileCount; i++) files.add(entry(fileFormat, offsetSize, dirs));
            } else {
                dirs.add(null); // 0: the compilation directory, which the line table does not give
                for (String d = cstring(); !d.isEmpty(); d = cstring()) dirs.add(d);
                files.add(null); // file numbers count from 1
                for (String f = cstring(); !f.isEmpty(); f = cstring()) {
                    int dir = (int) uleb();
                    uleb(); // modification time
                    uleb(); // length
                    files.add(join(dir < dirs.size() ? dirs.get(dir) : null, f));
                }
            }

            pos = program;
            long address = 0;
            int file = 1;
            int line = 1;
            int column = 0;
            boolean isStmt = defaultIsStmt;
            while (pos < end) {
                int op = u8();
                boolean emit = false;
                boolean endSeq = false;
                if (op >= opcodeBase) {
                    int adjusted = op - opcodeBase;
                    address += (long) (adjusted / lineRange) * minInstLength;
                    line += lineBase + adjusted % lineRange;
                    emit = true;
                } else if (op == 0) {
                    long len = uleb();
                    int next = (int) (pos + len);
                    int sub = len > 0 ? u8() : 0;
                    if (sub == 1) {
                        emit = true;
                        endSeq = true;
                    } else if (sub == 2) {
                        address = len - 1 >= 8 ? u64() : (len - 1 == 4 ? u32() : readUnsigned((int) (len - 1)));
                    }
                    pos = next; // also skips DW_LNE_define_file, set_discriminator and vendor opcodes
                } else {
                    switch (op) {
                        case 1 -> emit = true; // copy
                        case 2 -> address += uleb() * minInstLength; // advance_pc
                        case 3 -> line += (int) sleb(); // advance_line
                        case 4 -> file = (int) uleb(); // set_file
                        case 5 -> column = (int) uleb(); // set_column
                        case 6 -> isStmt = !isStmt; // negate_stmt
                        case 7, 10, 11 -> { } // basic_block, prologue_end, epilogue_begin
                        case 8 -> address += (long) ((255 - opcodeBase) / lineRange) * minInstLength; // const_add_pc
                        case 9 -> address += u16(); // fixed_advance_pc
                        default -> {
                            for (int i = 0; i < standardLengths[op]; i++) uleb();
                        }
                    }
                }
                if (emit) {
                    String name = file >= 0 && file < files.size() && files.get(file) != null ? files.get(file) : "?";
                    long at = codeStart + address;
                    if (at >= 0 && at <= Integer.MAX_VALUE && address < 0xFFFFFFF0L) {
                        rows.add(new Row((int) at, name, line, column, isStmt, endSeq));
                    } else if (endSeq) { // a dead function's sequence: still close it
                        rows.add(new Row(Integer.MAX_VALUE, name, line, column, isStmt, true));
                    }
                    if (endSeq) {
                        address = 0;
                        file = 1;
                        line = 1;
                        column = 0;
                        isStmt = defaultIsStmt;
                    }
                }
            }
            pos = end;
        }

        private int[][] entryFormat() {
            int n = u8();
            int[][] format = new int[n][2];
            for (int i = 0; i < n; i++) {
                format[i][0] = (int) uleb();
                format[i][1] = (int) uleb();
            }
            return format;
        }

        /** One directory or file entry of a DWARF 5 header; returns its path (joined with its directory for files). */
        private String entry(int[][] format, int offsetSize, List<String> dirs) {
            String path = null;
            int dir = 0;
            for (int[] f : format) {
                int contentType = f[0];
                int form = f[1];
                if (contentType == 1) { // DW_LNCT_path
                    path = stringForm(form, offsetSize);
                } else if (contentType == 2) { // DW_LNCT_directory_index
                    dir = (int) numberForm(form);
                } else {
                    skipForm(form, offsetSize);
                }
            }
            if (dirs == null) return path;
            return join(dir < dirs.size() ? dirs.get(dir) : null, path == null ? "?" : path);
        }

        private static String join(String dir, String file) {
            if (dir == null || dir.isEmpty() || dir.equals(".") || file.startsWith("/")) return file;
            return dir.endsWith("/") ? dir + file : dir + "/" + file;
        }

        private String stringForm(int form, int offsetSize) {
            return switch (form) {
                case 0x08 -> cstring(); // DW_FORM_string
                case 0x1f -> stringAt(lineStr, offset(offsetSize)); // DW_FORM_line_strp
                case 0x0e -> stringAt(str, offset(offsetSize)); // DW_FORM_strp
                default -> {
                    skipForm(form, offsetSize);
                    yield "?";
                }
            };
        }

        private long numberForm(int form) {
            return switch (form) {
                case 0x0b -> u8(); // data1
                case 0x05 -> u16(); // data2
                case 0x06 -> u32(); // data4
                case 0x07 -> u64(); // data8
                case 0x0f -> uleb(); // udata
                case 0x0d -> sleb(); // sdata
                default -> throw new IllegalArgumentException("unexpected form " + form);
            };
        }

        private void skipForm(int form, int offsetSize) {
            switch (form) {
                case 0x08 -> cstring();
                case 0x0b, 0x11, 0x25 -> pos += 1; // data1, flag, strx1
                case 0x05, 0x26 -> pos += 2; // data2, strx2
                case 0x27 -> pos += 3; // strx3
                case 0x06, 0x28 -> pos += 4; // data4, strx4
                case 0x07 -> pos += 8; // data8
                case 0x1e -> pos += 16; // data16 (the MD5)
                case 0x0f, 0x1a -> uleb(); // udata, strx
                case 0x0d -> sleb();
                case 0x0e, 0x1f, 0x17 -> pos += offsetSize; // strp, line_strp, sec_offset
                case 0x09 -> pos += (int) uleb(); // block
                case 0x0a -> pos += u8(); // block1
                default -> throw new IllegalArgumentException("unexpected form " + form);
            }
        }

        private long offset(int offsetSize) {
            return offsetSize == 8 ? u64() : u32();
        }

        private static String stringAt(byte[] section, long at) {
            if (section == null || at < 0 || at >= section.length) return "?";
            int end = (int) at;
            while (end < section.length && section[end] != 0) end++;
            return new String(section, (int) at, end - (int) at, StandardCharsets.UTF_8);
        }

        private String cstring() {
            int start = pos;
            while (b[pos] != 0) pos++;
            String s = new String(b, start, pos - start, StandardCharsets.UTF_8);
            pos++;
            return s;
        }

        private int u8() {
            return b[pos++] & 0xFF;
        }

        private int u16() {
            return u8() | u8() << 8;
        }

        private long u32() {
            return (u16() | (long) u16() << 16) & 0xFFFFFFFFL;
        }

        private long u64() {
            return u32() | u32() << 32;
        }

        private long readUnsigned(int n) {
            long v = 0;
            for (int i = 0; i < n; i++) v |= (long) u8() << (8 * i);
            return v;
        }

        private long uleb() {
            long v = 0;
            int shift = 0;
            int x;
            do {
                x = u8();
                if (shift < 64) v |= (long) (x & 0x7F) << shift;
                shift += 7;
            } while ((x & 0x80) != 0);
            return v;
        }

        private long sleb() {
            long v = 0;
            int shift = 0;
            int x;
            do {
                x = u8();
                if (shift < 64) v |= (long) (x & 0x7F) << shift;
                shift += 7;
            } while ((x & 0x80) != 0);
            if (shift < 64 && (x & 0x40) != 0) v |= -1L << shift;
            return v;
        }
    }
}
