package io.quorate.node.admin;

import static io.quorate.node.server.StoreErrors.respond;

import io.grpc.stub.StreamObserver;
import io.quorate.node.config.LocalSettings;
import io.quorate.node.config.NodeConfig;
import io.quorate.protocol.v1.AddMemberRequest;
import io.quorate.protocol.v1.AdminServiceGrpc;
import io.quorate.protocol.v1.BackupChunk;
import io.quorate.protocol.v1.BackupRequest;
import io.quorate.protocol.v1.GetSettingsRequest;
import io.quorate.protocol.v1.GetSettingsResponse;
import io.quorate.protocol.v1.Member;
import io.quorate.protocol.v1.MembershipResponse;
import io.quorate.protocol.v1.RemoveMemberRequest;
import io.quorate.protocol.v1.Role;
import io.quorate.protocol.v1.SetSettingRequest;
import io.quorate.protocol.v1.SetSettingResponse;
import io.quorate.protocol.v1.ShutdownRequest;
import io.quorate.protocol.v1.ShutdownResponse;
import io.quorate.protocol.v1.StatusRequest;
import io.quorate.protocol.v1.StatusResponse;
import io.quorate.protocol.v1.TakeSnapshotRequest;
import io.quorate.protocol.v1.TakeSnapshotResponse;
import io.quorate.protocol.v1.TransferLeadershipRequest;
import io.quorate.protocol.v1.TransferLeadershipResponse;
import io.quorate.raft.cluster.MemberStatus;
import io.quorate.raft.cluster.Peer;
import io.quorate.raft.cluster.RatisReplicatedStore;
import io.quorate.raft.cluster.ReplicaStatus;
import io.quorate.sql.session.DatabaseSettings;
import java.time.Duration;

/** Serves {@code AdminService} from the local replica. */
public final class AdminServiceImpl extends AdminServiceGrpc.AdminServiceImplBase {

  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  private final RatisReplicatedStore store;
  private final NodeConfig config;
  private final String version;
  private final Runnable shutdown;
  private final java.util.function.BooleanSupplier sqlPrimaryReady;
  private final SettingsAdmin settings;

  /**
   * @param sqlPrimaryReady whether this node is the primary with the SQL catalog in place
   * @param shutdown stops this node's process; called after a Shutdown reply is sent
   * @param databaseSettings the cluster-wide settings, from the node's SQL engine
   * @param localSettings this node's own settings
   */
  public AdminServiceImpl(RatisReplicatedStore store, NodeConfig config, String version,
      java.util.function.BooleanSupplier sqlPrimaryReady, Runnable shutdown, DatabaseSettings databaseSettings,
      LocalSettings localSettings) {
    this.sqlPrimaryReady = sqlPrimaryReady;
    this.store = store;
    this.config = config;
    this.version = version;
    this.shutdown = shutdown;
    this.settings = new SettingsAdmin(config.nodeId(), databaseSettings, localSettings,
        () -> config.nodeId().equals(store.status().leaderId()), () -> store.status().leaderId());
  }

  @Override
  public void status(StatusRequest request, StreamObserver<StatusResponse> out) {
    respond(out, () -> {
      ReplicaStatus status = store.status();
      StatusResponse.Builder response = StatusResponse.newBuilder()
          .setSelfId(status.selfId())
          .setLeaderId(status.leaderId() == null ? "" : status.leaderId())
          .setTerm(status.term())
          .setCommitIndex(status.commitIndex())
          .setAppliedIndex(status.appliedIndex())
          .setSnapshotIndex(status.snapshotIndex())
          .setFirstLogIndex(status.firstLogIndex())
          .setReady(status.ready())
          .setUptimeMillis(store.uptimeMillis())
          .setDataSizeBytes(store.dataSizeBytes())
          .setVersion(version)
          .setClusterId(config.clusterId())
          .setClientPort(config.clientPort())
          .setAdminPort(config.adminPort())
          .setLastCommitTimeMillis(status.lastCommitTimeMillis())
          .setNodeTimeMillis(System.currentTimeMillis())
          .setPid(ProcessHandle.current().pid())
          .setDataDir(config.dataDir().toString())
          .setHost(config.host())
          .setDiskFreeBytes(store.diskFreeBytes())
          .setLogSizeBytes(store.logSizeBytes())
          .setSqlPrimaryReady(sqlPrimaryReady.getAsBoolean());
      status.members().forEach(m -> response.addMembers(toProto(m)));
      return response.build();
    });
  }

  @Override
  public void addMember(AddMemberRequest request, StreamObserver<MembershipResponse> out) {
    respond(out, () -> {
      store.addMember(new Peer(request.getId(), request.getHost(), request.getRaftPort(), request.getAdminPort()),
          request.getLearner(), timeout(request.getTimeoutMillis()));
      return members();
    });
  }

  @Override
  public void removeMember(RemoveMemberRequest request, StreamObserver<MembershipResponse> out) {
    respond(out, () -> {
      store.removeMember(request.getId(), timeout(request.getTimeoutMillis()));
      return members();
    });
  }

  @Override
  public void transferLeadership(TransferLeadershipRequest request, StreamObserver<TransferLeadershipResponse> out) {
    respond(out, () -> {
      long started = System.nanoTime();
      store.transferLeadership(request.getToId(), timeout(request.getTimeoutMillis()));
      return TransferLeadershipResponse.newBuilder()
          .setElapsedMillis((System.nanoTime() - started) / 1_000_000).build();
    });
  }

  @Override
  public void takeSnapshot(TakeSnapshotRequest request, StreamObserver<TakeSnapshotResponse> out) {
    respond(out, () -> TakeSnapshotResponse.newBuilder()
        .setIndex(store.takeSnapshot(timeout(request.getTimeoutMillis()))).build());
  }

  @Override
  public void shutdown(ShutdownRequest request, StreamObserver<ShutdownResponse> out) {
    out.onNext(ShutdownResponse.getDefaultInstance());
    out.onCompleted();
    Thread.ofPlatform().name("admin-shutdown").start(shutdown);
  }

  @Override
  public void backup(BackupRequest request, StreamObserver<BackupChunk> out) {
    BackupStream.start(store, config, version, request, out);
  }

  private MembershipResponse members() {
    MembershipResponse.Builder response = MembershipResponse.newBuilder();
    store.status().members().forEach(m -> response.addMembers(toProto(m)));
    return response.build();
  }

  private static Member toProto(MemberStatus m) {
    return Member.newBuilder()
        .setId(m.peer().id())
        .setHost(m.peer().host())
        .setRaftPort(m.peer().raftPort())
        .setRole(switch (m.role()) {
          case PRIMARY -> Role.ROLE_PRIMARY;
          case STANDBY -> Role.ROLE_STANDBY;
          case LEARNER -> Role.ROLE_LEARNER;
          case CANDIDATE -> Role.ROLE_CANDIDATE;
          case UNKNOWN -> Role.ROLE_UNKNOWN;
        })
        .setCommitIndex(m.commitIndex())
        .setAppliedIndex(m.appliedIndex())
        .setLastContactMillis(m.lastContactMillis())
        .setAdminPort(m.peer().adminPort())
        .build();
  }

  private static Duration timeout(long millis) {
    return millis <= 0 ? DEFAULT_TIMEOUT : Duration.ofMillis(millis);
  }

  @Override
  public void getSettings(GetSettingsRequest request, StreamObserver<GetSettingsResponse> out) {
    respond(out, () -> settings.get(request));
  }

  @Override
  public void setSetting(SetSettingRequest request, StreamObserver<SetSettingResponse> out) {
    respond(out, () -> settings.set(request));
  }
}
