package dev.lia.script.syntax;

import java.util.List;

/**
 * A parsed script: its top-level statements in order (inputs among them) and its import handlers.
 */
public record Script(Source source, List<Stmt> body, List<Handler> handlers) {
    public Script {
        body = List.copyOf(body);
        handlers = List.copyOf(handlers);
    }

    /** {@code on module.name(params) -> results { body }}: implements a wasm function import in Lia. */
    public record Handler(Pos pos, String module, String name, List<Param> params, List<Type> results, Stmt.Block body) {
        public Handler {
            params = List.copyOf(params);
            results = List.copyOf(results);
        }

        public String qualifiedName() {
            return module + "." + name;
        }
    }

    public record Param(Pos pos, Type type, String name) {}
}
