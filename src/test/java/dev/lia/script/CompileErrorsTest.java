package dev.lia.script;

import dev.lia.script.check.ModuleInfo;
import dev.lia.script.syntax.CompileException;
import dev.lia.script.syntax.Source;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Every kind of compile error: its message and its position (line:col and the underlined length). */
class CompileErrorsTest {
    static final ModuleInfo MODULE = FakeModule.create()
            .importFunc("env", "tick", "i32 -> i32")
            .importFunc("env", "note", "i32 ->")
            .func("add", "i32 i32 -> i32")
            .func("nothing", "->")
            .func("pair", "-> i32 i64")
            .func("refs", "funcref -> i32")
            .memory("memory")
            .table("table")
            .global("counter", "i32", true)
            .global("limit", "i64", false)
            .info();

    /** The first error as "line:col+length: message". */
    static String error(String script) {
        CompileException e = catchThrowableOfType(CompileException.class, () -> Lia.compile(new Source("t.lia", script), MODULE));
        assertThat(e).as("expected a compile error for: " + script).isNotNull();
        var d = e.errors().get(0);
        return d.pos().line() + ":" + d.pos().col() + "+" + d.pos().length() + ": " + d.message();
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> errors() {
        return Stream.of(
                // syntax
                arguments("unexpected token", "x = )", "1:5+1: unexpected ')'; expected an expression"),
                arguments("unexpected end of script", "x = 1 +", "1:8+1: unexpected end of script; expected an expression"),
                arguments("missing brace", "if 1 { x = 1", "1:6+1: this '{' is never closed: the script ends before its '}'"),
                arguments("unexpected character", "x = 3 $ 4", "1:7+1: unexpected character '$'"),
                arguments("unterminated string", "x = \"abc", "1:5+4: unterminated string; expected a closing '\"' before the end of the line"),
                arguments("unknown escape", "x = \"a\\qb\"", "1:7+2: unknown escape \\q; expected one of \\n \\r \\t \\0 \\\\ \\\" \\' \\xHH \\u{HEX}"),
                arguments("bad \\x escape", "x = \"\\x4\"", "1:6+2: bad escape: \\x needs two hex digits"),
                arguments("bad \\u escape", "x = \"\\u{110000}\"", "1:6+2: bad escape: expected \\u{HEX} with a Unicode scalar value"),
                arguments("odd hex string", "x = hex\"abc\"", "1:5+8: a hex string needs an even number of hex digits, got 3"),
                arguments("non-hex in hex string", "x = hex\"zz\"", "1:5+7: a hex string holds only hex digits, spaces and underscores"),
                arguments("integer literal too big", "x = 0x1_0000_0000_0000_0000", "1:5+23: integer literal 0x1_0000_0000_0000_0000 does not fit in 64 bits"),
                arguments("conversion arity", "x = i32(1, 2)", "1:5+9: the conversion i32(...) takes exactly one argument, got 2"),
                arguments("import inside a block", "if 1 { import i32 n }", "1:8+6: unexpected 'import'; expected a statement, ';', '}' or end of line"),
                // names and scopes
                arguments("undefined name", "ptr = add(len0, 1)", "1:11+4: undefined name 'len0'"),
                arguments("undefined name with a hint", "len = 1\nx = lne", "2:5+3: undefined name 'lne' (did you mean 'len'?)"),
                arguments("block scope", "if 1 { y = 1 }\nreturn y", "2:8+1: undefined name 'y'"),
                arguments("handler cannot see the script", "x = 1\non env.note(i32 a) { b = x }", "2:26+1: undefined name 'x'"),
                arguments("redeclared with another type", "x = 1\ni64 x = 2", "2:1+5: 'x' is declared as i32 at 1:1; it cannot be redeclared as i64"),
                arguments("assigning another type", "x = 1\nx = 2.5", "2:1+1: 'x' is i32 (declared at 1:1); cannot assign f64 (convert it explicitly: i32(...))"),
                arguments("input declared twice", "import i32 n\nimport i64 n", "2:1+12: 'n' is already declared at 1:1"),
                arguments("for variable shadows", "i = 0\nfor i in 0 .. 3 { }", "2:5+1: 'i' is already declared at 1:1; a for loop declares a new variable"),
                arguments("assigned twice in one statement", "a, a = pair()", "1:4+1: 'a' is assigned twice in one statement"),
                // exports and calls
                arguments("unknown export", "x = ad(1, 2)", "1:5+8: unknown export 'ad' (did you mean 'add'?); the module exports functions: add, nothing, pair, refs"),
                arguments("export is not a function", "x = `memory`(1)", "1:5+11: 'memory' is a memory export, not a function"),
                arguments("wrong arity", "x = add(1)", "1:5+6: 'add' takes 2 arguments (i32, i32), got 1"),
                arguments("argument type", "x = add(1, i64(2))", "1:12+6: argument 2 of 'add' must be i32, got i64 (convert it explicitly: i32(...))"),
                arguments("unsupported export type", "x = refs(1)", "1:5+7: 'refs' has type [funcref] -> [i32], which uses types Lia has no values of"),
                arguments("no value", "x = nothing()", "1:5+9: 'nothing' returns no value"),
                arguments("several values in an expression", "x = pair() + 1", "1:5+6: 'pair' returns 2 values; take them with a, b = pair(...)"),
                arguments("target count", "a, b, c = pair()", "1:1+16: 'pair' returns 2 values (i32, i64), but there are 3 targets"),
                arguments("several targets need a call", "a, b = 1", "1:8+1: several targets need a call or ext that gives several values"),
                // types
                arguments("mixing int and float", "i = 1\nx = i + 2.5", "2:5+7: cannot mix i32 and f64 in '+'; convert one side explicitly, e.g. f64(...)"),
                arguments("integer-only operator", "x = 2.5 % 2.0", "1:5+9: '%' needs integers, got f64"),
                arguments("unsigned operator on floats", "x = 2.5 <u 3.0", "1:5+10: '<u' needs integers, got f64"),
                arguments("octs in arithmetic", "x = \"a\" + \"b\"", "1:5+9: '+' needs numbers, got octs and octs (octs are joined with ++)"),
                arguments("concatenating numbers", "x = 1 ++ 2", "1:5+6: '++' joins octs, got i32 and i32"),
                arguments("condition type", "while 1.5 { }", "1:7+3: a condition must be i32, got f64"),
                arguments("i64 condition", "x = i64(1)\nif x { }", "2:4+1: a condition must be i32, got i64 (compare it: x != 0)"),
                arguments("logic on i64", "x = i64(1) && 1", "1:5+6: an operand of '&&' must be i32, got i64 (convert it explicitly: i32(...))"),
                arguments("negating octs", "x = -\"a\"", "1:5+4: '-' needs a number, got octs"),
                arguments("for bounds", "for i in 0 .. 2.5 { }", "1:1+21: the bounds of a for loop must be integers, got i32 and f64"),
                arguments("fail message type", "fail 3", "1:6+1: a fail message must be octs, got i32 (convert it explicitly: octs(...))"),
                arguments("literal out of range", "i64 x = -9223372036854775809", "1:9+20: integer literal -9223372036854775809 does not fit in i64"),
                arguments("float literal out of range", "x = 1e999", "1:5+5: float literal 1e999 is out of range for f64"),
                arguments("NaN payload", "f32 x = nan:0x800000", "1:9+12: NaN payload 0x800000 does not fit in the 23 mantissa bits of f32"),
                // octs
                arguments("unknown property", "s = \"a\"\nn = s.length", "2:5+8: unknown property '.length'; expected .len"),
                arguments(".len of a number", "n = 5\nm = n.len", "2:5+5: .len needs octs, got i32"),
                arguments("slicing a number", "n = 5\nm = n[0..1]", "2:5+1: a slice needs octs, got i32"),
                arguments("slice bound type", "s = \"ab\"\nt = s[0..1.0]", "2:10+3: a slice bound must be i32, got f64 (convert it explicitly: i32(...))"),
                // memory and globals
                arguments("no such memory", "x = memory[2].size", "1:5+14: the module has no memory 2 (it has 1 memory)"),
                arguments("unknown memory operation", "x = memory.fill(1)", "1:5+14: unknown memory operation 'fill'; expected read, write, size or grow"),
                arguments("memory arity", "x = memory.read(1)", "1:5+14: memory.read takes 2 arguments: memory.read(address, length)"),
                arguments("memory address type", "x = memory.read(1.5, 2)", "1:17+3: an address must be i32, got f64 (convert it explicitly: i32(...))"),
                arguments("memory.write has no value", "x = memory.write(1, 2)", "1:5+18: memory.write gives no value"),
                arguments("unknown global", "x = global.count", "1:5+12: unknown global 'count'; the module exports globals: counter, limit"),
                arguments("global is not a global", "x = global.add", "1:5+10: 'add' is a func export, not a global"),
                arguments("immutable global", "global.limit = 1", "1:1+12: global 'limit' is immutable"),
                arguments("global type", "global.counter = 1.5", "1:1+14: global 'counter' is i32; cannot assign f64"),
                // statements
                arguments("value not used", "x = 1\nx + 1", "2:1+5: this i32 value is not used; a statement is a call, an assignment, ext, or memory.write"),
                arguments("memory.read not used", "memory.read(0, 1)", "1:1+17: memory.read does nothing here: its value is not used"),
                arguments("break outside a loop", "break", "1:1+5: break outside a loop"),
                arguments("continue outside a loop", "if 1 { continue }", "1:8+8: continue outside a loop"),
                // ext
                arguments("ext needs a type", "x = ext fetch(1)", "1:1+1: 'x' needs a type: an ext answer has the type of its target, e.g. i32 x = ext fetch(...)"),
                arguments("ext in an expression", "i32 x = 1 + ext fetch(1)", "1:13+12: an ext request's answer types come from its assignment: write T x = ext fetch(...)"),
                // instances
                arguments("instance as a value", "c = instantiate(\"x\")\nx = c", "2:5+1: 'c' is an instance, not a value: call its exports (c.f(...)) or link them (instantiate(..., env.f = c.f))"),
                arguments("instance call needs a type", "c = instantiate(\"x\")\nx = c.f(1)", "2:1+1: 'x' needs a type: a result of an instance's export has the type of its target, e.g. i32 x = c.f(...)"),
                arguments("instance call in an expression", "c = instantiate(\"x\")\ni32 x = 1 + c.f(1)", "2:13+6: the result types of c.f are known only when it runs; take them with a typed assignment: i32 x = c.f(...)"),
                arguments("instance call result is octs", "c = instantiate(\"x\")\nocts x = c.f(1)", "2:1+6: 'x' is octs; a result of an instance's export is a number"),
                arguments("octs argument of an instance call", "c = instantiate(\"x\")\nc.f(\"a\")", "2:5+3: argument 1 of c.f is octs; wasm functions take numbers"),
                arguments("calling a number's export", "n = 1\ni32 x = n.f()", "2:9+5: 'n' is i32, not an instance: only an instance (name = instantiate(...)) has exports"),
                arguments("instantiate in an expression", "x = 1 + instantiate(\"x\")", "1:9+16: instantiate gives an instance, not a value: assign it (name = instantiate(...)) or use it as a statement"),
                arguments("typed instantiate", "i32 c = instantiate(\"x\")", "1:1+5: instantiate gives an instance; write c = instantiate(...) without a type"),
                arguments("instantiate takes octs", "instantiate(5)", "1:13+1: a module's bytes must be octs, got i32 (convert it explicitly: octs(...))"),
                arguments("linking an unknown export", "instantiate(\"x\", env.f = ad)", "1:26+2: unknown export 'ad' (did you mean 'add'?); the module exports: add, nothing, pair, refs, memory, table, counter, limit"),
                arguments("linking a missing table", "instantiate(\"x\", env.t = table[1])", "1:26+8: the module has no table 1 (it has 1 table)"),
                arguments("linking one import twice", "instantiate(\"x\", env.f = add, env.f = pair)", "1:31+12: env.f is linked twice"),
                arguments("unknown table operation", "x = table.grow", "1:5+10: unknown table operation 'grow'; expected size"),
                // handlers
                arguments("handler for a missing import", "on env.nope() { }", "1:4+3: the module imports no function env.nope; its function imports are: env.tick, env.note"),
                arguments("handler type", "on env.tick(i64 x) -> i32 { return 1 }", "1:4+3: the handler's type (i64) -> i32 does not match the import env.tick, which is (i32) -> i32"),
                arguments("handler defined twice", "on env.note(i32 a) { }\non env.note(i32 b) { }", "2:4+3: a handler for env.note is already defined at 1:4"),
                arguments("handler must return", "on env.tick(i32 x) -> i32 { if x { return 1 } }", "1:4+3: the handler for env.tick must end in return (or fail) on every path: it returns i32"),
                arguments("handler return count", "on env.tick(i32 x) -> i32 { return }", "1:29+6: this handler returns i32, but the return gives 0 values"),
                arguments("handler return type", "on env.tick(i32 x) -> i32 { return 1.5 }", "1:36+3: return value 1 must be i32, got f64 (convert it explicitly: i32(...))"),
                arguments("parameter declared twice", "on env.note(i32 a) { }\non env.tick(i32 a) -> i32 { return a }\non env.x(i32 p, i32 p) { }", "3:4+3: the module imports no function env.x; its function imports are: env.tick, env.note"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void reportsMessageAndPosition(String kind, String script, String expected) {
        assertThat(error(script)).isEqualTo(expected);
    }

    @Test
    void everyErrorIsReportedInSourceOrderBeforeAnythingRuns() {
        CompileException e = catchThrowableOfType(CompileException.class, () -> Lia.compile(new Source("t.lia", """
                x = y
                z = add(1)
                break
                """), MODULE));
        assertThat(e.errors()).hasSize(3);
        assertThat(e.format()).isEqualTo("""
                t.lia:1:5: undefined name 'y'
                    x = y
                        ^
                t.lia:2:5: 'add' takes 2 arguments (i32, i32), got 1
                    z = add(1)
                        ^^^^^^
                t.lia:3:1: break outside a loop
                    break
                    ^^^^^""");
    }

    @Test
    void parameterDeclaredTwice() {
        ModuleInfo twoParams = FakeModule.create().importFunc("env", "f", "i32 i32 ->").info();
        CompileException e = catchThrowableOfType(CompileException.class,
                () -> Lia.compile(new Source("t.lia", "on env.f(i32 a, i32 a) { }"), twoParams));
        assertThat(e.errors().get(0).message()).isEqualTo("parameter 'a' is declared twice");
        assertThat(e.errors().get(0).pos().col()).isEqualTo(17);
    }
}
