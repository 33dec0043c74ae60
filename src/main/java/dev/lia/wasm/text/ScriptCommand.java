package dev.lia.wasm.text;

import java.util.List;

/** One command of a WebAssembly script ({@code .wast}). {@code line} is where it starts (1-based). */
public sealed interface ScriptCommand {
    int line();

    /** The command's name as wast2json calls it: module, register, action, assert_return, ... */
    String type();

    /** {@code (module ...)}: define (and instantiate) a module, which becomes the current one. */
    record DefineModule(int line, WastModule module) implements ScriptCommand {
        public String type() {
            return "module";
        }
    }

    /**
     * {@code (module definition id? ...)} (3.0 scripts): a module decoded, validated and compiled but
     * not instantiated; {@code module instance} instantiates it.
     */
    record DefineOnly(int line, WastModule module) implements ScriptCommand {
        public String type() {
            return "module_definition";
        }
    }

    /** {@code (module instance $instance? $definition?)} (3.0 scripts): instantiates a defined module. */
    record InstantiateDefinition(int line, String instance, String definition) implements ScriptCommand {
        public String type() {
            return "module_instance";
        }
    }

    /** {@code (register "as" $module?)}: make a module's exports importable under a name. */
    record Register(int line, String as, String module) implements ScriptCommand {
        public String type() {
            return "register";
        }
    }

    /** A bare action: {@code (invoke ...)} or {@code (get ...)}. */
    record Action(int line, ScriptAction action) implements ScriptCommand {
        public String type() {
            return "action";
        }
    }

    /** {@code (assert_return action result*)}. */
    record AssertReturn(int line, ScriptAction action, List<ScriptValue> expected) implements ScriptCommand {
        public AssertReturn {
            expected = List.copyOf(expected);
        }

        public String type() {
            return "assert_return";
        }
    }

    /** {@code (assert_trap action "message")} or {@code (assert_exhaustion action "message")}. */
    record AssertTrap(int line, ScriptAction action, String text, boolean exhaustion) implements ScriptCommand {
        public String type() {
            return exhaustion ? "assert_exhaustion" : "assert_trap";
        }
    }

    /** {@code (assert_exception action)} (exception handling): the action throws a wasm exception no handler catches. */
    record AssertException(int line, ScriptAction action) implements ScriptCommand {
        public String type() {
            return "assert_exception";
        }
    }

    /** What a module assertion expects. */
    enum Failure {
        MALFORMED("assert_malformed"), INVALID("assert_invalid"), UNLINKABLE("assert_unlinkable"),
        UNINSTANTIABLE("assert_uninstantiable");

        public final String command;

        Failure(String command) {
            this.command = command;
        }
    }

    /**
     * {@code (assert_malformed module "message")} and the like; {@code (assert_trap module "message")} is
     * {@link Failure#UNINSTANTIABLE}.
     */
    record AssertModule(int line, Failure failure, WastModule module, String text) implements ScriptCommand {
        public String type() {
            return failure.command;
        }
    }
}
