package io.quorate.raft.cluster;

import io.quorate.raft.statemachine.QuorateStateMachine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.ratis.proto.RaftProtos.CommitInfoProto;
import org.apache.ratis.proto.RaftProtos.ServerRpcProto;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.statemachine.SnapshotInfo;

/** Builds a {@link ReplicaStatus} from what the local Ratis division knows. */
final class ClusterStatusReader {

  private ClusterStatusReader() {}

  static ReplicaStatus read(RaftServer.Division division, QuorateStateMachine stateMachine) {
    DivisionInfo info = division.getInfo();
    String selfId = division.getId().toString();
    RaftPeerId leader = info.getLeaderId();
    long term = info.getCurrentTerm();
    long commitIndex = division.getRaftLog().getLastCommittedIndex();
    long appliedIndex = info.getLastAppliedIndex();

    Map<String, Long> commitByPeer = new HashMap<>();
    for (CommitInfoProto commit : division.getCommitInfos()) {
      commitByPeer.put(commit.getServer().getId().toStringUtf8(), commit.getCommitIndex());
    }
    Map<String, Long> lastContact = new HashMap<>();
    RoleInfoProto role = info.getRoleInfoProto();
    if (role.hasLeaderInfo()) {
      for (ServerRpcProto follower : role.getLeaderInfo().getFollowerInfoList()) {
        lastContact.put(follower.getId().getId().toStringUtf8(), follower.getLastRpcElapsedTimeMs());
      }
    }

    List<MemberStatus> members = new ArrayList<>();
    addMembers(members, division.getRaftConf().getCurrentPeers(RaftPeerRole.FOLLOWER), false,
        selfId, leader, term, commitIndex, appliedIndex, commitByPeer, lastContact, info.isLeader());
    addMembers(members, division.getRaftConf().getCurrentPeers(RaftPeerRole.LISTENER), true,
        selfId, leader, term, commitIndex, appliedIndex, commitByPeer, lastContact, info.isLeader());

    SnapshotInfo snapshot = stateMachine.getLatestSnapshot();
    return new ReplicaStatus(
        selfId,
        leader == null ? null : leader.toString(),
        term,
        commitIndex,
        appliedIndex,
        snapshot == null ? -1 : snapshot.getIndex(),
        division.getRaftLog().getStartIndex(),
        // A primary is ready once it committed an entry of its term (it can then serve
        // linearizable reads and transactions); a standby once it knows a primary.
        info.isAlive() && (info.isLeader() ? info.isLeaderReady() : leader != null),
        stateMachine.lastCommitTimeMillis(),
        members);
  }

  private static void addMembers(List<MemberStatus> out, Iterable<RaftPeer> peers, boolean learners,
      String selfId, RaftPeerId leader, long term, long commitIndex, long appliedIndex,
      Map<String, Long> commitByPeer, Map<String, Long> lastContact, boolean selfIsLeader) {
    for (RaftPeer peer : peers) {
      String id = peer.getId().toString();
      String[] hostPort = splitAddress(peer.getAddress());
      Peer described = new Peer(id, hostPort[0], Integer.parseInt(hostPort[1]), portOf(peer.getDataStreamAddress()));
      boolean self = id.equals(selfId);
      MemberStatus.Role role;
      if (leader != null && leader.toString().equals(id)) {
        role = MemberStatus.Role.PRIMARY;
      } else if (learners) {
        role = MemberStatus.Role.LEARNER;
      } else if (leader != null) {
        role = MemberStatus.Role.STANDBY;
      } else {
        role = MemberStatus.Role.UNKNOWN;
      }
      long peerCommit = self ? commitIndex : commitByPeer.getOrDefault(id, -1L);
      out.add(new MemberStatus(
          described,
          role,
          self || selfIsLeader ? term : -1,
          peerCommit,
          self ? appliedIndex : -1,
          -1,
          self ? -1 : lastContact.getOrDefault(id, -1L)));
    }
  }

  /** The port of an optional host:port address; 0 when absent. */
  private static int portOf(String address) {
    if (address == null || address.isEmpty()) {
      return 0;
    }
    try {
      return Integer.parseInt(splitAddress(address)[1]);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String[] splitAddress(String address) {
    int colon = address.lastIndexOf(':');
    if (colon < 0) {
      return new String[] {address, "0"};
    }
    return new String[] {address.substring(0, colon), address.substring(colon + 1)};
  }
}
