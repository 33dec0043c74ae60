/**
 * The {@code lia} command line (picocli): {@link dev.lia.cli.Main} and one class per command.
 * Commands report expected failures by throwing {@code CliException} (message and exit code);
 * nothing prints a stack trace.
 */
package dev.lia.cli;
