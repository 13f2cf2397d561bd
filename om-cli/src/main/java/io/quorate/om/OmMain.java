package io.quorate.om;

import com.beust.jcommander.JCommander;
import com.beust.jcommander.ParameterException;
import io.grpc.StatusRuntimeException;

/**
 * {@code om}: runs one command against a cluster. Exit codes: 0 success, 1 the command
 * failed (for example no node reachable), 2 bad usage.
 */
public final class OmMain {

  private OmMain() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String[] args) {
    GlobalOptions global = new GlobalOptions();
    StatusCommand status = new StatusCommand();
    JCommander commander = JCommander.newBuilder()
        .programName("om")
        .addObject(global)
        .addCommand("status", status)
        .build();
    try {
      commander.parse(args);
    } catch (ParameterException e) {
      System.err.println("om: " + e.getMessage() + " (see om --help)");
      return 2;
    }
    String command = commander.getParsedCommand();
    if (global.help || command == null) {
      StringBuilder usage = new StringBuilder();
      commander.getUsageFormatter().usage(usage);
      System.out.println("om operates a Quorate cluster through its nodes' admin API.\n\n" + usage);
      return command == null && !global.help ? 2 : 0;
    }
    if (status.help) {
      StringBuilder usage = new StringBuilder();
      commander.getUsageFormatter().usage("status", usage);
      System.out.println(usage);
      return 0;
    }
    try {
      return status.run(System.out);
    } catch (StatusRuntimeException e) {
      System.err.println("om: " + status.node + ": " + AdminClient.describe(e));
      return 1;
    } catch (IllegalArgumentException e) {
      System.err.println("om: " + e.getMessage());
      return 2;
    }
  }
}
