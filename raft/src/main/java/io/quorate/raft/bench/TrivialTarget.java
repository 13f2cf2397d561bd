package io.quorate.raft.bench;

import io.quorate.raft.cluster.Peer;
import io.quorate.raft.cluster.RaftSettings;
import io.quorate.raft.cluster.ReplicaConfig;
import io.quorate.raft.log.LogEntryCodec;
import io.quorate.raft.txn.CommitMetadata;
import io.quorate.raft.txn.WriteBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;

/**
 * The ceiling: the same Ratis configuration and the same entry bytes as Quorate's
 * commit, submitted straight to the leader, applied by {@link TrivialStateMachine}.
 */
final class TrivialTarget implements CommitTarget {

  private final List<RaftServer> servers = new ArrayList<>();
  private final RaftGroupId groupId = RaftSettings.groupId("bench-trivial");
  private final ClientId clientId = ClientId.randomId();
  private final AtomicLong calls = new AtomicLong();
  private final RaftServer leader;

  TrivialTarget(List<Peer> peers, Path root, ReplicaConfig.Tuning tuning) {
    RaftGroup group = RaftGroup.valueOf(groupId, peers.stream().map(RaftSettings::toRaftPeer).toList());
    try {
      for (Peer peer : peers) {
        RaftServer server = RaftServer.newBuilder()
            .setServerId(RaftPeerId.valueOf(peer.id()))
            .setGroup(group)
            .setProperties(RaftSettings.properties(peer, root.resolve(peer.id()), tuning))
            .setStateMachine(new TrivialStateMachine())
            .setOption(RaftStorage.StartupOption.FORMAT)
            .build();
        server.start();
        servers.add(server);
      }
    } catch (IOException e) {
      close();
      throw new UncheckedIOException(e);
    }
    leader = BenchCluster.await("a trivial-state-machine leader", () -> servers.stream().filter(s -> {
      try {
        var info = s.getDivision(groupId).getInfo();
        return info.isLeader() && info.isLeaderReady();
      } catch (IOException e) {
        return false;
      }
    }).findFirst().orElse(null));
  }

  @Override
  public String name() {
    return "trivial";
  }

  @Override
  public void commit(int writer, long sequence, byte[] value) throws Exception {
    byte[] key = ("w" + writer + "/" + sequence).getBytes(StandardCharsets.UTF_8);
    long callId = calls.incrementAndGet();
    byte[] entry = LogEntryCodec.encode(new WriteBatch().put(key, value),
        new CommitMetadata(UUID.nameUUIDFromBytes(clientId.toByteString().toByteArray()), callId, callId,
            System.currentTimeMillis()));
    RaftClientRequest request = RaftClientRequest.newBuilder()
        .setClientId(clientId)
        .setServerId(leader.getId())
        .setGroupId(groupId)
        .setCallId(callId)
        .setMessage(Message.valueOf(UnsafeByteOperations.unsafeWrap(entry)))
        .setType(RaftClientRequest.writeRequestType())
        .build();
    RaftClientReply reply = leader.submitClientRequestAsync(request).get();
    if (!reply.isSuccess()) {
      throw reply.getException();
    }
  }

  @Override
  public void close() {
    for (RaftServer server : servers) {
      try {
        server.close();
      } catch (IOException e) {
        // keep closing the others
      }
    }
  }
}
