package dev.lia.wasm.spec;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * The scripts of the WebAssembly 3.0 suite ({@code wasm-testsuite/3.0/wast}, run as released) for
 * the 3.0 features Lia runs besides SIMD: every command of each passes. Scripts
 * join the list as their feature is complete; the rest of the 3.0 suite is issue 14's.
 */
class Wasm30FeaturesSpecTest {
    /** Extended constant expressions. */
    static final List<String> EXTENDED_CONST = List.of("data.wast");
    /** Tail calls (return_call_ref is with the typed references). */
    static final List<String> TAIL_CALLS = List.of("return_call.wast", "return_call_indirect.wast");
    /** Multi-memory: the suite's NAME0..NAME4 variants and memory-multi. */
    static final List<String> MULTI_MEMORY = List.of("address0.wast", "address1.wast", "align0.wast", "binary0.wast",
            "data0.wast", "data1.wast", "data_drop0.wast", "exports0.wast", "float_exprs0.wast", "float_exprs1.wast",
            "float_memory0.wast", "imports0.wast", "imports1.wast", "imports2.wast", "imports3.wast", "imports4.wast",
            "linking0.wast", "linking1.wast", "linking2.wast", "linking3.wast", "load0.wast", "load1.wast", "load2.wast",
            "memory-multi.wast", "memory_copy0.wast", "memory_copy1.wast", "memory_fill0.wast", "memory_grow.wast",
            "memory_init0.wast", "memory_size0.wast", "memory_size1.wast", "memory_size2.wast", "memory_size3.wast",
            "memory_size_import.wast", "memory_trap0.wast", "memory_trap1.wast", "start0.wast", "store0.wast",
            "store1.wast", "store2.wast", "traps0.wast");
    /** memory64 (and the 3.0 binary rules it brings: u64 limits and offsets, alignments up to 2^63 for the validator). */
    static final List<String> MEMORY64 = List.of("address.wast", "address64.wast", "align.wast", "align64.wast",
            "binary-leb128.wast", "binary_leb128_64.wast", "bulk64.wast", "endianness64.wast", "float_memory64.wast",
            "load64.wast", "memory_copy64.wast", "memory_fill64.wast", "memory_grow64.wast", "memory_init64.wast",
            "memory_redundancy64.wast", "memory_trap64.wast");
    /** table64: i64 table indices. */
    static final List<String> TABLE64 = List.of("call_indirect64.wast", "memory64-imports.wast", "table64.wast",
            "table_copy64.wast", "table_copy_mixed.wast", "table_fill64.wast", "table_get64.wast", "table_grow64.wast",
            "table_set64.wast", "table_size64.wast");
    /**
     * Exception handling: tags, throw, throw_ref, try_table, exnref, assert_exception, tag imports and exports
     * (try_table.wast and tag.wast also use typed function references and recursive types).
     */
    static final List<String> EXCEPTIONS = List.of("throw.wast", "throw_ref.wast", "exports.wast", "imports.wast",
            "try_table.wast", "tag.wast");
    /**
     * SIMD memory instructions on any memory: a memory index on loads, stores and lane accesses
     * (multi-memory), i64 addresses and u64 offsets (memory64), lane immediates after a memory index.
     */
    static final List<String> SIMD_MEMORY = List.of("simd_memory-multi.wast", "simd_lane.wast", "simd_address.wast",
            "simd_load.wast", "simd_store.wast", "simd_load_splat.wast", "simd_load_zero.wast", "simd_load_extend.wast",
            "simd_load8_lane.wast", "simd_load16_lane.wast", "simd_load32_lane.wast", "simd_load64_lane.wast",
            "simd_store8_lane.wast", "simd_store16_lane.wast", "simd_store32_lane.wast", "simd_store64_lane.wast");
    /**
     * The 3.0 type system: reference types with heap types and nullability, recursive types and their
     * canonicalization, subtyping, typed function references, non-defaultable locals, i31.
     */
    static final List<String> TYPED_REFERENCES = List.of("type-rec.wast", "type-equivalence.wast",
            "type-subtyping.wast", "call_ref.wast", "return_call_ref.wast", "br_on_null.wast", "br_on_non_null.wast",
            "ref_as_non_null.wast", "i31.wast", "local_init.wast", "ref_null.wast", "ref_is_null.wast",
            "unreached-valid.wast", "instance.wast", "table-sub.wast", "global.wast", "select.wast", "br_table.wast",
            "elem.wast", "linking.wast", "table.wast", "func.wast");
    /** GC: struct and array types and instructions, casts on them, any/extern conversions. */
    static final List<String> GC = List.of("struct.wast", "array.wast", "array_copy.wast", "array_fill.wast",
            "array_init_data.wast", "array_init_elem.wast", "array_new_data.wast", "array_new_elem.wast",
            "binary-gc.wast", "br_on_cast.wast", "br_on_cast_fail.wast", "extern.wast", "ref_cast.wast", "ref_eq.wast",
            "ref_test.wast", "type-canon.wast", "ref.wast", "br_if.wast", "local_tee.wast", "table_init.wast",
            "table_init64.wast", "unreached-invalid.wast");
    /** Scripts that also need the 3.0 commands module definition / module instance. */
    static final List<String> SCRIPT_COMMANDS = List.of("memory.wast", "memory64.wast");

    static List<String> scripts() {
        return Stream.of(EXTENDED_CONST, TAIL_CALLS, MULTI_MEMORY, MEMORY64, TABLE64, EXCEPTIONS, SIMD_MEMORY, TYPED_REFERENCES, GC, SCRIPT_COMMANDS).flatMap(List::stream).toList();
    }

    @TestFactory
    Stream<DynamicTest> wasm30Scripts() {
        Path dir = SuiteLocation.testsuite().resolve("3.0").resolve("wast");
        SpecRunner runner = new SpecRunner();
        return scripts().stream().map(name -> dynamicTest(name, () -> {
            Path script = dir.resolve(name);
            assertThat(Files.isRegularFile(script)).as(script + " exists").isTrue();
            SpecResult r = runner.run(script);
            System.out.println("spec 3.0 " + r);
            assertThat(r.failed()).as(() -> r + "\n" + SpecConformanceTest.firstLines(r.failures(), 40)).isZero();
            assertThat(r.skipped()).as(r.toString()).isZero();
            assertThat(r.passed()).as(r.toString()).isPositive();
        }));
    }
}
