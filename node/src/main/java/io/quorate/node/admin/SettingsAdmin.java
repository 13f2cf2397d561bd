package io.quorate.node.admin;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quorate.node.config.ConfigException;
import io.quorate.node.config.LocalSettings;
import io.quorate.protocol.v1.GetSettingsRequest;
import io.quorate.protocol.v1.GetSettingsResponse;
import io.quorate.protocol.v1.SetSettingRequest;
import io.quorate.protocol.v1.SetSettingResponse;
import io.quorate.protocol.v1.Setting;
import io.quorate.protocol.v1.SettingScope;
import io.quorate.sql.error.SqlException;
import io.quorate.sql.session.DatabaseSettings;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The settings half of the admin API. Cluster-wide settings are the database's
 * ({@link DatabaseSettings}: catalog rows, so one write on the primary reaches every
 * node through the log); node settings are this node's {@link LocalSettings}. Names of
 * the two never collide: cluster-wide ones are PostgreSQL parameter names
 * ({@code statement_timeout}, any case), node ones config-file keys ({@code max-connections}).
 * Failures are gRPC statuses: INVALID_ARGUMENT for an unknown name or a bad value (with
 * the names or values allowed), FAILED_PRECONDITION for a cluster-wide change off the primary.
 */
final class SettingsAdmin {

  private final String nodeId;
  private final DatabaseSettings cluster;
  private final LocalSettings local;
  private final BooleanSupplier primary;
  private final Supplier<String> leaderId;

  /**
   * @param primary whether this node is the primary now
   * @param leaderId the primary's id as this node knows it, or null
   */
  SettingsAdmin(String nodeId, DatabaseSettings cluster, LocalSettings local, BooleanSupplier primary,
      Supplier<String> leaderId) {
    this.nodeId = nodeId;
    this.cluster = cluster;
    this.local = local;
    this.primary = primary;
    this.leaderId = leaderId;
  }

  GetSettingsResponse get(GetSettingsRequest request) {
    GetSettingsResponse.Builder response = GetSettingsResponse.newBuilder().setNodeId(nodeId);
    String name = request.getName();
    SettingScope scope = name.isEmpty() ? request.getScope() : scopeOf(name, request.getScope());
    if (scope != SettingScope.SETTING_SCOPE_NODE) {
      Map<String, String> values = clusterValues();
      for (DatabaseSettings.Definition d : DatabaseSettings.DEFINITIONS) {
        if (name.isEmpty() || d.name().equalsIgnoreCase(name)) {
          response.addSettings(clusterSetting(d, values));
        }
      }
    }
    if (scope != SettingScope.SETTING_SCOPE_CLUSTER) {
      for (LocalSettings.State state : local.states()) {
        if (name.isEmpty() || state.definition().name().equals(name)) {
          response.addSettings(nodeSetting(state));
        }
      }
    }
    return response.build();
  }

  SetSettingResponse set(SetSettingRequest request) {
    String name = request.getName();
    SettingScope scope = request.getScope();
    if (scope == SettingScope.SETTING_SCOPE_ANY || scope == SettingScope.UNRECOGNIZED) {
      throw invalid("say whether " + name + " is a cluster-wide or a node setting (scope)");
    }
    scopeOf(name, scope);
    return scope == SettingScope.SETTING_SCOPE_CLUSTER ? setCluster(request) : setNode(request);
  }

  private SetSettingResponse setCluster(SetSettingRequest request) {
    if (!primary.getAsBoolean()) {
      String leader = leaderId.get();
      throw Status.FAILED_PRECONDITION.withDescription(nodeId + " is not the primary; cluster-wide settings are"
          + " changed on the primary (" + (leader == null ? "none is known now" : "it is " + leader) + ")")
          .asRuntimeException();
    }
    DatabaseSettings.Definition definition = DatabaseSettings.definition(request.getName()).orElseThrow();
    String previous = clusterSetting(definition, clusterValues()).getValue();
    try {
      if (request.getReset()) {
        cluster.reset(definition.name());
      } else {
        cluster.set(definition.name(), request.getValue());
      }
    } catch (SqlException e) {
      throw toStatus(e);
    }
    return SetSettingResponse.newBuilder()
        .setSetting(clusterSetting(definition, clusterValues()))
        .setPreviousValue(previous)
        .setInEffectNow(true)
        .setNote("new SQL sessions on every node start with it; sessions already open keep their value")
        .build();
  }

  private SetSettingResponse setNode(SetSettingRequest request) {
    LocalSettings.Change change;
    try {
      change = request.getReset() ? local.reset(request.getName()) : local.set(request.getName(), request.getValue());
    } catch (ConfigException e) {
      throw invalid(e.getMessage());
    }
    return SetSettingResponse.newBuilder()
        .setSetting(nodeSetting(change.state()))
        .setPreviousValue(change.previousValue())
        .setInEffectNow(change.inEffectNow())
        .setNote(change.note() == null ? "" : change.note())
        .build();
  }

  /** The scope {@code name} belongs to; INVALID_ARGUMENT when it is unknown or of another scope than asked. */
  private static SettingScope scopeOf(String name, SettingScope asked) {
    boolean clusterWide = DatabaseSettings.definition(name).isPresent();
    boolean node = LocalSettings.definition(name).isPresent();
    if (!clusterWide && !node) {
      throw invalid("unknown setting '" + name + "'. Cluster-wide: " + String.join(", ",
          DatabaseSettings.DEFINITIONS.stream().map(DatabaseSettings.Definition::name).toList())
          + ". Per node: " + String.join(", ",
          LocalSettings.DEFINITIONS.stream().map(LocalSettings.Definition::name).toList()) + ".");
    }
    if (asked == SettingScope.SETTING_SCOPE_CLUSTER && !clusterWide) {
      throw invalid("'" + name + "' is a setting of each node, not of the cluster");
    }
    if (asked == SettingScope.SETTING_SCOPE_NODE && !node) {
      throw invalid("'" + name + "' is cluster-wide, not a setting of one node");
    }
    return clusterWide ? SettingScope.SETTING_SCOPE_CLUSTER : SettingScope.SETTING_SCOPE_NODE;
  }

  private Map<String, String> clusterValues() {
    try {
      return cluster.values();
    } catch (SqlException e) {
      throw toStatus(e);
    }
  }

  private static Setting clusterSetting(DatabaseSettings.Definition definition, Map<String, String> values) {
    String builtIn = DatabaseSettings.builtInDefault(definition.name());
    Optional<String> set = Optional.ofNullable(values.get(definition.name()));
    return Setting.newBuilder()
        .setName(definition.name())
        .setScope(SettingScope.SETTING_SCOPE_CLUSTER)
        .setValue(set.orElse(builtIn))
        .setDefaultValue(builtIn)
        .setSource(set.isPresent() ? "cluster" : "default")
        .setAllowed(definition.allowed())
        .setDescription(definition.type() + ": " + definition.description())
        .build();
  }

  private static Setting nodeSetting(LocalSettings.State state) {
    return Setting.newBuilder()
        .setName(state.definition().name())
        .setScope(SettingScope.SETTING_SCOPE_NODE)
        .setValue(state.value())
        .setDefaultValue(state.defaultValue())
        .setSource(state.source())
        .setPendingValue(state.pendingValue() == null ? "" : state.pendingValue())
        .setAllowed(state.definition().allowed())
        .setDescription(state.definition().description())
        .setAppliesAtRestart(!state.definition().live())
        .build();
  }

  private static StatusRuntimeException invalid(String message) {
    return Status.INVALID_ARGUMENT.withDescription(message).asRuntimeException();
  }

  /** An engine error as the status om understands: the user's mistake, not the primary, busy, or broken. */
  private static StatusRuntimeException toStatus(SqlException e) {
    String message = e.getMessage() + (e.hint() == null ? "" : ". " + e.hint());
    Status status = switch (e.state()) {
      case UNDEFINED_OBJECT, INVALID_PARAMETER_VALUE, CANT_CHANGE_RUNTIME_PARAM -> Status.INVALID_ARGUMENT;
      case READ_ONLY_SQL_TRANSACTION -> Status.FAILED_PRECONDITION;
      case CANNOT_CONNECT_NOW -> Status.UNAVAILABLE;
      case SERIALIZATION_FAILURE, DEADLOCK_DETECTED, LOCK_NOT_AVAILABLE -> Status.ABORTED;
      case STATEMENT_COMPLETION_UNKNOWN -> Status.UNKNOWN;
      default -> Status.INTERNAL;
    };
    return status.withDescription(message).asRuntimeException();
  }
}
