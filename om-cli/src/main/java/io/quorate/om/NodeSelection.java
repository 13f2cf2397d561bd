package io.quorate.om;

import io.quorate.protocol.v1.StatusRequest;
import io.quorate.protocol.v1.StatusResponse;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The nodes a start, stop or restart acts on: those named with --node, else the whole cluster file. */
final class NodeSelection {

  private NodeSelection() {}

  /** Cluster-file nodes named by --node (ids or admin addresses), or all of them. */
  static List<ClusterFile.Node> of(Target target, ClusterFile cluster) {
    List<String> named = target.named();
    if (named.isEmpty()) {
      return cluster.nodes();
    }
    List<ClusterFile.Node> nodes = new ArrayList<>();
    for (String name : named) {
      ClusterFile.Node node = name.contains(":")
          ? cluster.nodes().stream().filter(n -> n.adminAddress().equals(name)).findFirst().orElseThrow(
              () -> OmException.usage(name + " is no node's admin address in " + cluster.file()))
          : cluster.require(name);
      if (!nodes.contains(node)) {
        nodes.add(node);
      }
    }
    return nodes;
  }

  /** The same nodes with the current primary last, so that the others stop without an election. */
  static List<ClusterFile.Node> primaryLast(Target target, List<ClusterFile.Node> nodes) {
    String primary = null;
    for (ClusterFile.Node node : nodes) {
      try {
        StatusResponse s = target.client(node.adminAddress()).admin(1000).status(StatusRequest.getDefaultInstance());
        if (!s.getLeaderId().isEmpty()) {
          primary = s.getLeaderId();
          break;
        }
      } catch (StatusRuntimeException e) {
        // not running; try the next
      }
    }
    String last = primary;
    List<ClusterFile.Node> ordered = new ArrayList<>(nodes);
    ordered.sort(Comparator.comparing(n -> n.id().equals(last)));
    return ordered;
  }
}
