package dev.lia.wasm.spec;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exception handling scripts of the 3.0 suite that also use typed function references
 * ({@code (ref $t)}, {@code (ref exn)}) or recursive types ({@code rec}), which the 3.0 type system brings:
 * every other command passes, and those fail only where they need that type system.
 * When it lands, both scripts move to {@link Wasm30FeaturesSpecTest#EXCEPTIONS} and this test goes.
 */
class ExceptionScriptsTest {
    private static void onlyTypedReferencesFail(String script, Set<Long> typedLines, int minPassed) {
        Path file = SuiteLocation.testsuite().resolve("3.0").resolve("wast").resolve(script);
        SpecResult r = new SpecRunner().run(file);
        List<Long> failedLines = r.failures().stream().map(f -> Long.parseLong(f.split(":")[1])).toList();
        assertThat(typedLines).as(r + "\n" + String.join("\n", r.failures())).containsAll(failedLines);
        assertThat(r.passed()).as(r.toString()).isGreaterThanOrEqualTo(minPassed);
        assertThat(r.skipped()).isZero();
    }

    @Test
    void tryTable() {
        // the module at 420 has a tag of type (param (ref $t)); 464-468 invoke it; 471 and 484 are invalid modules using (ref $t)
        onlyTypedReferencesFail("try_table.wast", Set.of(420L, 464L, 465L, 466L, 467L, 468L, 471L, 484L), 59);
    }

    @Test
    void tag() {
        // 30 and 40 define types in rec groups, 38 registers the first, 49 and 60 link against it
        onlyTypedReferencesFail("tag.wast", Set.of(30L, 38L, 40L, 49L, 60L), 5);
    }
}
