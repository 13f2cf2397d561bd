package io.quorate.om;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import io.quorate.protocol.v1.GetSettingsRequest;
import io.quorate.protocol.v1.GetSettingsResponse;
import io.quorate.protocol.v1.SettingScope;
import io.quorate.protocol.v1.StatusResponse;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code om check}: health checks over every member, one line each with OK, WARN or
 * FAIL, and a verdict. Exit 0 without failures (warnings say so but still pass), 1 with.
 */
@Parameters(commandDescription = "Check the cluster's health: members reachable, a primary, versions, clock skew,"
    + " disk space, Raft log vs snapshots, replication lag")
final class CheckCommand implements OmCommand {

  private static final String SNAPSHOT_THRESHOLD = "snapshot-threshold";

  @Parameter(names = {"--help", "-h"}, help = true, description = "Print this command's help")
  boolean help;

  @ParametersDelegate
  final Target target = new Target();

  @Parameter(names = "--format", description = "text or json")
  String format = "text";

  @Override
  public String name() {
    return "check";
  }

  @Override
  public boolean help() {
    return help;
  }

  @Override
  public int run(PrintStream out, PrintStream err) {
    Output.checkFormat(format);
    try (target) {
      StatusResponse any = target.anyStatus();
      StatusResponse primary = target.primaryStatus(any);
      StatusResponse view = primary != null ? primary : any;
      Map<String, Target.Reply> replies = target.survey(view);
      HealthReport report = HealthReport.of(view, replies, snapshotThresholds(view));
      out.print(format.equals("json") ? json(report) : text(report));
      return report.verdict() == HealthReport.Result.FAIL ? OmException.FAILED : 0;
    }
  }

  /** Each node's snapshot-threshold, from the nodes that tell it. */
  private Map<String, Long> snapshotThresholds(StatusResponse view) {
    GetSettingsRequest request = GetSettingsRequest.newBuilder().setName(SNAPSHOT_THRESHOLD)
        .setScope(SettingScope.SETTING_SCOPE_NODE).build();
    Map<String, Long> thresholds = new HashMap<>();
    target.askEvery(view, admin -> admin.getSettings(request)).forEach((id, answer) -> {
      GetSettingsResponse settings = answer.value();
      if (settings != null && settings.getSettingsCount() == 1) {
        try {
          thresholds.put(id, Long.parseLong(settings.getSettings(0).getValue()));
        } catch (NumberFormatException e) {
          // a node of another version may format it differently: its log check uses no threshold
        }
      }
    });
    return thresholds;
  }

  static String text(HealthReport report) {
    StringBuilder b = new StringBuilder();
    for (HealthReport.Check check : report.checks()) {
      b.append(String.format(Locale.ROOT, "%-5s %-16s %s%n", check.result(), check.name(), check.summary()));
      for (HealthReport.Finding f : check.findings()) {
        if (f.result() != HealthReport.Result.OK && f.node() != null) {
          b.append(String.format(Locale.ROOT, "        %s %s: %s%n", f.result(), f.node(), f.detail()));
        }
      }
    }
    b.append('\n').append("verdict: ").append(verdictLine(report)).append('\n');
    return b.toString();
  }

  private static String verdictLine(HealthReport report) {
    long failures = report.count(HealthReport.Result.FAIL);
    long warnings = report.count(HealthReport.Result.WARN);
    return switch (report.verdict()) {
      case OK -> "OK, every check passed";
      case WARN -> "OK with " + plural(warnings, "warning") + " (no failures)";
      case FAIL -> "FAIL, " + plural(failures, "check") + " failed" + (warnings > 0 ? ", " + plural(warnings,
          "warning") : "");
    };
  }

  private static String plural(long n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }

  static String json(HealthReport report) {
    Json j = new Json().object()
        .field("verdict", report.verdict().name())
        .field("failures", report.count(HealthReport.Result.FAIL))
        .field("warnings", report.count(HealthReport.Result.WARN))
        .array("checks");
    for (HealthReport.Check check : report.checks()) {
      j.object().field("name", check.name()).field("result", check.result().name()).field("summary", check.summary())
          .array("findings");
      for (HealthReport.Finding f : check.findings()) {
        j.object().field("node", f.node()).field("result", f.result().name()).field("detail", f.detail()).end();
      }
      j.end().end();
    }
    return j.end().end() + "\n";
  }
}
