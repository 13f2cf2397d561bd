package io.quorate.om;

import java.io.PrintStream;

/**
 * One {@code om} command: a JCommander parameter object that runs itself. Failures a
 * user can cause are thrown as {@link OmException} (or gRPC errors from a node, which
 * {@link OmMain} turns into one sentence); the return value is the exit code.
 */
interface OmCommand {

  /** The command's name on the command line. */
  String name();

  /** Whether {@code --help} was given to this command. */
  boolean help();

  /** Runs the command; {@code out} gets results and progress, {@code err} warnings. */
  int run(PrintStream out, PrintStream err) throws Exception;
}
