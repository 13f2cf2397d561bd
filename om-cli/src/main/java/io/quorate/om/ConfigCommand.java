package io.quorate.om;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quorate.protocol.v1.AdminServiceGrpc;
import io.quorate.protocol.v1.GetSettingsRequest;
import io.quorate.protocol.v1.GetSettingsResponse;
import io.quorate.protocol.v1.Member;
import io.quorate.protocol.v1.SetSettingRequest;
import io.quorate.protocol.v1.SetSettingResponse;
import io.quorate.protocol.v1.Setting;
import io.quorate.protocol.v1.SettingScope;
import io.quorate.protocol.v1.StatusResponse;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code om config get|set|reset|list}: cluster-wide settings (the defaults new SQL
 * sessions start with on every node, kept in the replicated catalog and changed on the
 * primary) and each node's own (with {@code --node-id}, saved by that node). The nodes
 * check names and values; om turns their refusal into a usage error (exit 2).
 */
@Parameters(commandDescription = "Show or change settings: cluster-wide ones (defaults of new SQL sessions on every"
    + " node) and, with --node-id, one node's own. Actions: get KEY, set KEY VALUE, reset KEY, list")
final class ConfigCommand implements OmCommand {

  private static final String ACTIONS = "get KEY, set KEY VALUE, reset KEY or list";
  /** Pause between read-backs while waiting for every node to show a cluster-wide change. */
  private static final long READ_BACK_POLL_MILLIS = 100;

  @Parameter(names = {"--help", "-h"}, help = true, description = "Print this command's help")
  boolean help;

  @Parameter(description = "get KEY | set KEY VALUE | reset KEY | list")
  List<String> words = new ArrayList<>();

  @ParametersDelegate
  final Target target = new Target();

  @Parameter(names = "--node-id", description = "The node whose own setting to get, set or reset (or list)")
  String nodeId;

  @Parameter(names = "--each-node", description = "get: every node's value (a cluster-wide one as each node has it)")
  boolean eachNode;

  @Parameter(names = "--wait-ms", description = "set/reset of a cluster-wide setting: how long to wait for every"
      + " node to show the new value")
  long waitMillis = 10_000;

  @Parameter(names = "--format", description = "text or json")
  String format = "text";

  @Override
  public String name() {
    return "config";
  }

  @Override
  public boolean help() {
    return help;
  }

  @Override
  public int run(PrintStream out, PrintStream err) throws InterruptedException {
    Output.checkFormat(format);
    if (words.isEmpty()) {
      throw OmException.usage("say what to do: " + ACTIONS);
    }
    String action = words.get(0);
    int expected = switch (action) {
      case "get", "reset" -> 2;
      case "set" -> 3;
      case "list" -> 1;
      default -> throw OmException.usage("unknown action '" + action + "'; use " + ACTIONS);
    };
    if (words.size() != expected) {
      throw OmException.usage(action + " takes " + (expected == 1 ? "no arguments" : expected == 2 ? "KEY"
          : "KEY VALUE") + ", got " + words.subList(1, words.size()));
    }
    try (target) {
      StatusResponse any = target.anyStatus();
      StatusResponse primary = target.primaryStatus(any);
      Cluster cluster = new Cluster(primary != null ? primary : any, primary);
      return switch (action) {
        case "get" -> get(cluster, words.get(1), out, err);
        case "list" -> list(cluster, out);
        default -> change(cluster, words.get(1), action.equals("set") ? words.get(2) : null, out, err);
      };
    }
  }

  /** The membership and the primary's status (null when there is none). */
  private record Cluster(StatusResponse view, StatusResponse primary) {}

  /** A setting as one node has it, or ({@code node} null) the cluster-wide value. */
  record NodeSetting(String node, Setting setting) {}

  private int get(Cluster cluster, String key, PrintStream out, PrintStream err) {
    Setting definition = lookup(key);
    GetSettingsRequest request = GetSettingsRequest.newBuilder().setName(key).build();
    boolean perNode = eachNode || nodeId != null || definition.getScope() == SettingScope.SETTING_SCOPE_NODE;
    if (!perNode) {
      Setting setting = refusalIsUsage(() -> askPreferringPrimary(cluster, a -> a.getSettings(request)))
          .getSettings(0);
      out.print(format.equals("json") ? settingsJson(List.of(new NodeSetting(null, setting)))
          : describe(setting) + "\n");
      return 0;
    }
    Map<String, Target.Answer<GetSettingsResponse>> answers = nodeId != null
        ? Map.of(nodeId, askOne(cluster, nodeId, a -> a.getSettings(request)))
        : target.askEvery(cluster.view(), a -> a.getSettings(request));
    List<NodeSetting> settings = new ArrayList<>();
    Map<String, String> problems = new LinkedHashMap<>();
    answers.forEach((id, a) -> {
      if (a.value() != null) {
        settings.add(new NodeSetting(id, a.value().getSettings(0)));
      } else {
        problems.put(id, a.problem());
      }
    });
    if (format.equals("json")) {
      out.print(settingsJson(settings));
    } else {
      out.println(definition.getName() + " (" + scopeName(definition) + "; " + definition.getAllowed() + ")");
      settings.forEach(s -> out.println("  " + s.node() + ": " + s.setting().getValue() + " (" + origin(s.setting())
          + ")" + pending(s.setting())));
    }
    problems.forEach((id, problem) -> err.println("om config: " + id + ": " + problem));
    return problems.isEmpty() ? 0 : OmException.FAILED;
  }

  private int list(Cluster cluster, PrintStream out) {
    GetSettingsRequest clusterWide = GetSettingsRequest.newBuilder().setScope(SettingScope.SETTING_SCOPE_CLUSTER)
        .build();
    List<NodeSetting> settings = new ArrayList<>();
    askPreferringPrimary(cluster, a -> a.getSettings(clusterWide)).getSettingsList()
        .forEach(s -> settings.add(new NodeSetting(null, s)));
    if (nodeId != null) {
      GetSettingsRequest local = GetSettingsRequest.newBuilder().setScope(SettingScope.SETTING_SCOPE_NODE).build();
      Target.Answer<GetSettingsResponse> answer = askOne(cluster, nodeId, a -> a.getSettings(local));
      if (answer.value() == null) {
        throw OmException.failed(nodeId + ": " + answer.problem());
      }
      answer.value().getSettingsList().forEach(s -> settings.add(new NodeSetting(nodeId, s)));
    }
    if (format.equals("json")) {
      out.print(settingsJson(settings));
      return 0;
    }
    for (NodeSetting s : settings) {
      out.println((s.node() == null ? "" : s.node() + " ") + describe(s.setting()));
      out.println("    " + s.setting().getDescription() + "; allowed: " + s.setting().getAllowed());
    }
    if (nodeId == null) {
      out.println("\nEach node's own settings: om config list --node-id ID");
    }
    return 0;
  }

  /** set (value given) or reset (value null). */
  private int change(Cluster cluster, String key, String value, PrintStream out, PrintStream err)
      throws InterruptedException {
    Setting definition = lookup(key);
    boolean clusterWide = definition.getScope() == SettingScope.SETTING_SCOPE_CLUSTER;
    if (clusterWide && nodeId != null) {
      throw OmException.usage("'" + definition.getName() + "' is cluster-wide, the same on every node: drop --node-id");
    }
    if (!clusterWide && nodeId == null) {
      throw OmException.usage("'" + definition.getName() + "' is a setting of each node: say which with --node-id ID"
          + " (members: " + cluster.view().getMembersList().stream().map(Member::getId).toList() + ")");
    }
    SetSettingRequest.Builder request = SetSettingRequest.newBuilder().setName(definition.getName())
        .setScope(definition.getScope());
    if (value == null) {
      request.setReset(true);
    } else {
      request.setValue(value);
    }
    String on = clusterWide ? primaryId(cluster) : nodeId;
    Target.Answer<SetSettingResponse> answer = askOne(cluster, on, a -> a.setSetting(request.build()));
    if (answer.value() == null) {
      throw OmException.failed(on + ": " + answer.problem());
    }
    SetSettingResponse response = answer.value();
    Map<String, Target.Answer<GetSettingsResponse>> readBack = clusterWide
        ? readBack(cluster, response.getSetting()) : Map.of();
    out.print(format.equals("json") ? changeJson(response, clusterWide ? null : nodeId, readBack)
        : changeText(response, clusterWide ? null : nodeId, readBack));
    for (Map.Entry<String, Target.Answer<GetSettingsResponse>> e : readBack.entrySet()) {
      if (!shows(e.getValue(), response.getSetting().getValue())) {
        err.println("om config: " + e.getKey() + " does not show the new value yet"
            + (e.getValue().problem() == null ? "" : " (" + e.getValue().problem() + ")")
            + "; it will once it has caught up (the change is committed)");
      }
    }
    return 0;
  }

  /** Asks every member until each one that answers shows {@code expected}, for at most --wait-ms. */
  private Map<String, Target.Answer<GetSettingsResponse>> readBack(Cluster cluster, Setting expected)
      throws InterruptedException {
    GetSettingsRequest request = GetSettingsRequest.newBuilder().setName(expected.getName())
        .setScope(SettingScope.SETTING_SCOPE_CLUSTER).build();
    long deadline = System.nanoTime() + waitMillis * 1_000_000;
    while (true) {
      Map<String, Target.Answer<GetSettingsResponse>> answers = target.askEvery(cluster.view(),
          a -> a.getSettings(request));
      boolean settled = answers.values().stream().allMatch(a -> a.value() == null || shows(a, expected.getValue()));
      if (settled || System.nanoTime() > deadline) {
        return answers;
      }
      Thread.sleep(READ_BACK_POLL_MILLIS); // polling interval while standbys apply the change
    }
  }

  private static boolean shows(Target.Answer<GetSettingsResponse> answer, String value) {
    return answer.value() != null && answer.value().getSettings(0).getValue().equals(value);
  }

  /** The definition of {@code key} from any node; an unknown key is a usage error listing the known ones. */
  private Setting lookup(String key) {
    GetSettingsRequest request = GetSettingsRequest.newBuilder().setName(key).build();
    return refusalIsUsage(() -> target.askAny(a -> a.getSettings(request))).getSettings(0);
  }

  private <T> T askPreferringPrimary(Cluster cluster, Function<AdminServiceGrpc.AdminServiceBlockingStub, T> call) {
    if (cluster.primary() != null) {
      Target.Answer<T> answer = askOne(cluster, cluster.primary().getSelfId(), call);
      if (answer.value() != null) {
        return answer.value();
      }
    }
    return target.askAny(call);
  }

  private <T> Target.Answer<T> askOne(Cluster cluster, String id,
      Function<AdminServiceGrpc.AdminServiceBlockingStub, T> call) {
    Member member = target.member(cluster.view(), id);
    AdminClient client = target.client(member);
    long sent = System.currentTimeMillis();
    try {
      T value = call.apply(client.admin(target.timeoutMillis));
      return new Target.Answer<>(member, client.address(), value, null, sent, System.currentTimeMillis());
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.INVALID_ARGUMENT) {
        throw OmException.usage(e.getStatus().getDescription());
      }
      return new Target.Answer<>(member, client.address(), null, AdminClient.describe(e), sent,
          System.currentTimeMillis());
    }
  }

  private static String primaryId(Cluster cluster) {
    if (cluster.primary() == null) {
      throw OmException.failed("no primary now, and cluster-wide settings are changed on the primary (see om status)");
    }
    return cluster.primary().getSelfId();
  }

  /** A node's refusal of the name or value (INVALID_ARGUMENT) is the user's mistake: exit 2 with its sentence. */
  private static <T> T refusalIsUsage(Supplier<T> call) {
    try {
      return call.get();
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.INVALID_ARGUMENT) {
        throw OmException.usage(e.getStatus().getDescription());
      }
      throw e;
    }
  }

  private static String scopeName(Setting s) {
    return s.getScope() == SettingScope.SETTING_SCOPE_CLUSTER ? "cluster-wide" : "node";
  }

  /** One line: {@code name = value (scope, where the value comes from)}, and a value waiting for a restart. */
  static String describe(Setting s) {
    return s.getName() + " = " + s.getValue() + " (" + scopeName(s) + ", " + origin(s) + ")" + pending(s);
  }

  /** Where a value comes from, in words: the default, set for the cluster, or a node's flag or file. */
  static String origin(Setting s) {
    return switch (s.getSource()) {
      case "default" -> "the default";
      case "cluster" -> "set for the cluster, default " + s.getDefaultValue();
      case "flag" -> "from a flag, default " + s.getDefaultValue();
      default -> "from " + s.getSource() + ", default " + s.getDefaultValue();
    };
  }

  private static String pending(Setting s) {
    return s.getPendingValue().isEmpty() ? "" : "; " + s.getPendingValue() + " from the next restart";
  }

  static String changeText(SetSettingResponse r, String node, Map<String, Target.Answer<GetSettingsResponse>> back) {
    Setting s = r.getSetting();
    StringBuilder b = new StringBuilder();
    if (node == null) {
      b.append(s.getName()).append(": ").append(r.getPreviousValue()).append(" -> ").append(s.getValue())
          .append(" for the whole cluster\n").append(r.getNote()).append('\n');
      back.forEach((id, a) -> b.append("  ").append(id).append(": ")
          .append(a.value() != null ? a.value().getSettings(0).getValue() : a.problem()).append('\n'));
      return b.toString();
    }
    String next = s.getPendingValue().isEmpty() ? s.getValue() : s.getPendingValue();
    b.append(s.getName()).append(" on ").append(node).append(": ").append(r.getPreviousValue()).append(" -> ")
        .append(next).append(r.getInEffectNow() ? ", in effect now" : ", from the next restart of " + node)
        .append('\n');
    if (!r.getNote().isEmpty()) {
      b.append("note: ").append(r.getNote()).append('\n');
    }
    return b.toString();
  }

  static String changeJson(SetSettingResponse r, String node, Map<String, Target.Answer<GetSettingsResponse>> back) {
    Setting s = r.getSetting();
    Json j = new Json().object()
        .field("name", s.getName())
        .field("scope", scopeName(s))
        .field("node", node)
        .field("previous_value", r.getPreviousValue())
        .field("value", s.getValue())
        .field("pending_value", s.getPendingValue())
        .field("in_effect_now", r.getInEffectNow())
        .field("note", r.getNote())
        .array("nodes");
    back.forEach((id, a) -> j.object().field("node", id)
        .field("value", a.value() == null ? null : a.value().getSettings(0).getValue())
        .field("problem", a.problem()).end());
    return j.end().end() + "\n";
  }

  static String settingsJson(List<NodeSetting> settings) {
    Json j = new Json().object().array("settings");
    for (NodeSetting ns : settings) {
      Setting s = ns.setting();
      j.object()
          .field("name", s.getName())
          .field("scope", scopeName(s))
          .field("node", ns.node())
          .field("value", s.getValue())
          .field("default_value", s.getDefaultValue())
          .field("source", s.getSource())
          .field("pending_value", s.getPendingValue())
          .field("allowed", s.getAllowed())
          .field("description", s.getDescription())
          .field("applies_at_restart", s.getAppliesAtRestart())
          .end();
    }
    return j.end().end() + "\n";
  }
}
