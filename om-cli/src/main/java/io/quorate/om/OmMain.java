package io.quorate.om;

import com.beust.jcommander.JCommander;
import com.beust.jcommander.ParameterException;
import io.grpc.StatusRuntimeException;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code om}: runs one command against a cluster. Exit codes: 0 success, 1 the command
 * failed (for example no node reachable), 2 bad usage.
 */
public final class OmMain {

  private OmMain() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Every command, in the order {@code om --help} lists them. */
  private static List<OmCommand> commands() {
    return List.of(
        new BootstrapCommand(),
        new StatusCommand(),
        new StartCommand(),
        new StopCommand(),
        new RestartCommand(),
        new AddNodeCommand(),
        new RemoveNodeCommand(),
        new SwitchoverCommand(),
        new ConfigCommand(),
        new CheckCommand(),
        new BackupCommand(),
        new RestoreCommand(),
        new FailoverCommand(),
        new SqlCommand());
  }

  static int run(String[] args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    GlobalOptions global = new GlobalOptions();
    List<OmCommand> commands = commands();
    JCommander.Builder builder = JCommander.newBuilder().programName("om").addObject(global);
    commands.forEach(c -> builder.addCommand(c.name(), c));
    JCommander commander = builder.build();
    try {
      commander.parse(args);
    } catch (ParameterException e) {
      err.println("om: " + e.getMessage() + " (see om " + (commander.getParsedCommand() == null ? ""
          : commander.getParsedCommand() + " ") + "--help)");
      return 2;
    }
    String name = commander.getParsedCommand();
    if (global.help || name == null) {
      StringBuilder usage = new StringBuilder();
      commander.getUsageFormatter().usage(usage);
      (name == null && !global.help ? err : out).println(
          "om operates a Quorate cluster through its nodes' admin API.\n\n" + usage);
      return name == null && !global.help ? 2 : 0;
    }
    OmCommand command = commands.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    if (command.help()) {
      StringBuilder usage = new StringBuilder();
      commander.getUsageFormatter().usage(name, usage);
      out.println(usage);
      return 0;
    }
    try {
      return command.run(out, err);
    } catch (OmException e) {
      err.println("om " + name + ": " + e.getMessage());
      return e.exitCode();
    } catch (StatusRuntimeException e) {
      err.println("om " + name + ": " + AdminClient.describe(e));
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("om " + name + ": interrupted");
      return 1;
    } catch (Exception e) {
      err.println("om " + name + ": " + e);
      return 1;
    }
  }
}
