/**
 * The checker: names and scopes, types, literal typing, arity, exports, globals, memories and
 * import handlers, against a {@link dev.lia.script.check.ModuleInfo}. It reports every error and
 * records what the compiler needs in a {@link dev.lia.script.check.CheckedScript}.
 */
package dev.lia.script.check;
