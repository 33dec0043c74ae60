/**
 * Script text to AST: the ANTLR parser generated from {@code grammar/Lia.g4}, the builder that
 * turns its tree into immutable records ({@link dev.lia.script.syntax.Stmt}, {@link dev.lia.script.syntax.Expr})
 * with source positions, and compile errors ({@link dev.lia.script.syntax.Diagnostic},
 * {@link dev.lia.script.syntax.CompileException}). Parsing stops at the first syntax error.
 */
package dev.lia.script.syntax;
