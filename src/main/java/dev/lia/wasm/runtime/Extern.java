package dev.lia.wasm.runtime;

import dev.lia.wasm.syntax.ExternKind;

/** Something an instance can import or export: a function, table, memory, global or tag. */
public sealed interface Extern permits FunctionInstance, Table, Memory, GlobalInstance, TagInstance {
    ExternKind kind();
}
