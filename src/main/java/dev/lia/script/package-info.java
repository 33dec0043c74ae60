/**
 * Lia, the action-script language: {@link dev.lia.script.Lia} runs the pipeline
 * {@code syntax} (grammar to AST) → {@code check} (against a module) → {@code compile} (flat
 * operations) and {@code vm} runs the result. {@code value} holds typed values and their text
 * forms. The language reference is {@code docs/lia.md}.
 */
package dev.lia.script;
