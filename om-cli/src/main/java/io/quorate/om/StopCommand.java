package io.quorate.om;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code om stop}: stops nodes gracefully through the admin API: the named ones, or
 * every node of the cluster file with the primary last (so the others stop without an
 * election, and the primary's data is the newest).
 */
@Parameters(commandDescription = "Stop nodes gracefully (all in the cluster file, or those given with --node)")
final class StopCommand implements OmCommand {

  @Parameter(names = {"--help", "-h"}, help = true, description = "Print this command's help")
  boolean help;

  @ParametersDelegate
  final Target target = new Target();

  @Parameter(names = "--kill", description = "SIGKILL a local node that has not stopped after 60 s")
  boolean kill;

  @Override
  public String name() {
    return "stop";
  }

  @Override
  public boolean help() {
    return help;
  }

  @Override
  public int run(PrintStream out, PrintStream err) throws Exception {
    try (target) {
      ClusterFile cluster = target.clusterFileOrNull();
      if (cluster == null) {
        List<String> named = target.named();
        if (named.isEmpty()) {
          throw OmException.usage("say which nodes: --cluster-file FILE (all its nodes) or --node host:adminPort");
        }
        for (String address : named) {
          if (!NodeControl.stop(target, address, target.address(address), kill, out)) {
            out.println(address + " is not running");
          }
        }
        return 0;
      }
      for (ClusterFile.Node node : NodeSelection.primaryLast(target, NodeSelection.of(target, cluster))) {
        if (!NodeControl.stop(target, node.id(), node.adminAddress(), kill, out)) {
          out.println(node.id() + " is not running");
        }
      }
      return 0;
    }
  }
}
