package dev.lia.wasm.debug;

import dev.lia.wasm.Trap;
import dev.lia.wasm.compile.ModuleCompiler;
import dev.lia.wasm.exec.Machine;
import dev.lia.wasm.exec.MachineOutcome;
import dev.lia.wasm.runtime.ImportResolver;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.Store;
import dev.lia.wasm.Pipeline;
import dev.lia.wasm.syntax.Module;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * DWARF line tables of a real C program ({@code debug/demo.c}, built by clang-19 -g -O0 with wasi-libc
 * into {@code demo.wasm} with DWARF 4 and {@code demo-dwarf5.wasm} with DWARF 5): line mapping,
 * breakpoints by line, stepping by line, traps with source lines.
 */
class SourceDebuggingTest {
    static byte[] resource(String name) {
        try (InputStream in = SourceDebuggingTest.class.getResourceAsStream("/debug/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Module module(String name) {
        Module m = Pipeline.decode(resource(name));
        Pipeline.validate(m);
        return m;
    }

    /** The line of each line of demo.c's text that holds {@code marker}. */
    static int line(String marker) {
        String[] lines = new String(resource("demo.c"), StandardCharsets.UTF_8).split("\n", -1);
        for (int i = 0; i < lines.length; i++) if (lines[i].contains(marker)) return i + 1;
        throw new IllegalArgumentException(marker);
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo.wasm", "demo-dwarf5.wasm"})
    void instructionsMapToTheirLines(String file) {
        Module m = module(file);
        DebugInfo info = DebugInfo.of(m, resource(file));
        SourceMap sources = info.sources();
        assertThat(sources.isEmpty()).isFalse();
        assertThat(sources.files()).contains("demo.c", "./libc-bottom-half/crt/crt1-reactor.c");
        // the division in divide() is on the line with "return a / b"
        int divide = info.functionIndex("divide");
        int div = info.instructions(divide).stream().filter(in -> in.op.text.equals("i32.div_s")).findFirst().orElseThrow().offset;
        assertThat(sources.at(div)).isEqualTo(new SourceLocation("demo.c", line("return a / b"), 14));
        // every instruction of the C functions has a line; statements start on the lines that have code
        for (String fn : List.of("square", "sum_squares", "divide", "checked_ratio", "greeting_length")) {
            int f = info.functionIndex(fn);
            info.instructions(f).forEach(in -> assertThat(sources.at(in.offset)).as(fn + " @" + in.offset).isNotNull());
        }
        assertThat(sources.resolve("demo.c", line("total += square(i)")).offsets()).hasSize(1);
        assertThat(sources.resolve("demo.c", line("total += square(i)")).line()).isEqualTo(line("total += square(i)"));
        // a line without code resolves to the next one with code
        assertThat(sources.resolve("demo.c", line("int sum_squares") + 3).line()).isEqualTo(line("total += square(i)"));
        assertThat(sources.resolve("nonesuch.c", 1).offsets()).isEmpty();
        // a file may be named by a longer or a shorter path than the table's
        assertThat(sources.resolve("/home/someone/src/debug/demo.c", line("return a / b")).offsets()).hasSize(1);
        assertThat(sources.resolve("./demo.c", line("return a / b")).offsets()).hasSize(1);
        assertThat(sources.resolve("crt1-reactor.c", 1).offsets()).isNotEmpty();
        assertThat(sources.resolve("emo.c", 1).offsets()).isEmpty();
        // without the binary, the code section's start is worked out from the first body: the same rows
        assertThat(SourceMap.of(m).rows()).isEqualTo(sources.rows());
    }

    @Test
    void dwarf4AndDwarf5GiveTheSameLines() {
        // the two builds differ only in their debug sections, so code offsets are the same
        List<String> four = lineList("demo.wasm");
        List<String> five = lineList("demo-dwarf5.wasm");
        assertThat(four).isNotEmpty().isEqualTo(five);
    }

    private static List<String> lineList(String file) {
        Module m = module(file);
        SourceMap s = SourceMap.of(m, resource(file));
        List<String> out = new ArrayList<>();
        for (SourceMap.Row r : s.rows()) {
            if (r.file().equals("demo.c")) out.add((r.offset() - m.codes().get(0).offset()) + " " + r.line() + ":" + r.column() + (r.statement() ? " stmt" : "") + (r.endSequence() ? " end" : ""));
        }
        return out;
    }

    @Test
    void aLineBreakpointStopsOnEveryIterationAndShowsTheSourceLine() {
        Module m = module("demo.wasm");
        Machine machine = new Machine(new Store());
        Instance inst = machine.instantiate(ModuleCompiler.compile(m), ImportResolver.NONE);
        Debugger d = Debugger.attach(machine, DebugInfo.of(m, resource("demo.wasm")));
        int body = line("total += square(i)");
        Breakpoint b = d.breakAtLine("demo.c", body);
        assertThat(b.description()).isEqualTo("demo.c:" + body);
        machine.start(inst.exportedFunction("sum_squares"), 3);
        for (int i = 0; i < 3; i++) {
            MachineOutcome o = machine.run();
            assertThat(o).isInstanceOf(MachineOutcome.Paused.class);
            FrameView top = d.stop().top();
            assertThat(top.source().shortText()).isEqualTo("demo.c:" + body);
            assertThat(top.functionName()).isEqualTo("sum_squares");
            d.resume();
        }
        assertThat(((MachineOutcome.Done) machine.run()).results()).containsExactly(14);
    }

    @Test
    void steppingByLineEntersCallsAfterTheirPrologueAndNextStaysInTheFunction() {
        Module m = module("demo.wasm");
        Machine machine = new Machine(new Store());
        Instance inst = machine.instantiate(Debugger.compile(m), ImportResolver.NONE);
        Debugger d = Debugger.attach(machine, DebugInfo.of(m, resource("demo.wasm")));
        d.breakAtLine("demo.c", line("total += square(i)"));
        machine.start(inst.exportedFunction("sum_squares"), 2);
        machine.run();
        List<String> lines = new ArrayList<>();
        d.stepLine();
        for (int i = 0; i < 5; i++) {
            machine.run();
            FrameView top = d.stop().top();
            lines.add(top.functionName() + ":" + top.source().line());
            d.stepLine();
        }
        assertThat(lines).containsExactly(
                "square:" + line("int result = x * x"), "square:" + line("return result;"),
                "sum_squares:" + line("total += square(i)"), // back in the caller, mid-line (the += after the call)
                "sum_squares:" + line("for (int i = 1"), "sum_squares:" + line("total += square(i)"));
        d.nextLine(); // over the call this time
        machine.run();
        assertThat(d.stop().top().source().line()).isEqualTo(line("for (int i = 1"));
        assertThat(d.stop().frames()).hasSize(1);
        d.stepOut();
        assertThat(((MachineOutcome.Done) machine.run()).results()).containsExactly(5);
    }

    @Test
    void aTrapsBacktraceHasSourceLines() {
        Module m = module("demo.wasm");
        Machine machine = new Machine(new Store());
        Instance inst = machine.instantiate(ModuleCompiler.compile(m), ImportResolver.NONE);
        assertThat(machine.invoke(inst.exportedFunction("checked_ratio"), 7, 2)).containsExactly(4);
        Trap trap = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> machine.invoke(inst.exportedFunction("checked_ratio"), 1, 0), Trap.class);
        assertThat(trap).hasMessage("integer divide by zero");
        SourceMap sources = SourceMap.of(m);
        List<String> frames = trap.backtrace().stream().map(f -> f.function() + " " + sources.at(f.byteOffset()).shortText()).toList();
        assertThat(frames).containsExactly("divide demo.c:" + line("return a / b"), "checked_ratio demo.c:" + line("int q = divide"));
        assertThat(Backtraces.format(trap, sources)).contains("divide @0x", "(demo.c:" + line("return a / b") + ")");
    }

    @Test
    void memoryOfACProgram() {
        Module m = module("demo.wasm");
        Machine machine = new Machine(new Store());
        Instance inst = machine.instantiate(Debugger.compile(m), ImportResolver.NONE);
        Debugger d = Debugger.attach(machine, m);
        long address = machine.invoke(inst.exportedFunction("greeting_address"))[0];
        assertThat(new String(d.readMemory(address, 15), StandardCharsets.US_ASCII)).isEqualTo("hello, debugger");
        assertThat(machine.invoke(inst.exportedFunction("greeting_length"))).containsExactly(15);
        assertThatThrownBy(() -> d.breakAtLine("demo.c", 10_000)).hasMessageContaining("no code at or after line");
        assertThatThrownBy(() -> d.breakAtLine("other.c", 1)).hasMessageContaining("no source file other.c");
    }
}
