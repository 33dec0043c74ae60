/** Typed Lia values, literal bits, and the text forms values are printed and read in. */
package dev.lia.script.value;
