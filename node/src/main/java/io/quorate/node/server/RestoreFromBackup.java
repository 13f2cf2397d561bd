package io.quorate.node.server;

import io.quorate.node.config.NodeConfig;
import io.quorate.protocol.backup.BackupDirectory;
import io.quorate.protocol.backup.InvalidBackupException;
import io.quorate.protocol.v1.BackupManifest;
import io.quorate.raft.cluster.RatisReplicatedStore;
import io.quorate.raft.txn.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code restore-from}: seeds a new node's data directory from a backup made by
 * {@code om backup}, before the replica starts. The backup is checked against its
 * manifest first (every file's size and SHA-256), so a corrupt or incomplete backup
 * stops the node with one sentence and leaves the data directory as it was.
 */
final class RestoreFromBackup {

  private static final Logger LOG = LoggerFactory.getLogger(RestoreFromBackup.class);

  private RestoreFromBackup() {}

  /**
   * Stages the backup named by {@code config} into its data directory, unless there is
   * none or the directory has a database already (a restart after the restore).
   *
   * @throws StoreException {@code STORAGE} for a backup that cannot be restored
   */
  static void prepare(NodeConfig config) {
    if (config.restoreFrom() == null) {
      return;
    }
    if (RatisReplicatedStore.hasDatabase(config.dataDir())) {
      LOG.info("Not restoring: the data directory has a database already [dataDir={}, restoreFrom={}]",
          config.dataDir(), config.restoreFrom());
      return;
    }
    BackupManifest manifest;
    try {
      manifest = BackupDirectory.verify(config.restoreFrom());
    } catch (InvalidBackupException e) {
      throw new StoreException(StoreException.Kind.STORAGE, "Cannot restore: " + e.getMessage());
    }
    LOG.info("Restoring from a backup [from={}, cluster={}, node={}, index={}, version={}]", config.restoreFrom(),
        manifest.getClusterId(), manifest.getNodeId(), manifest.getIndex(), manifest.getVersion());
    RatisReplicatedStore.stageRestore(config.dataDir(), config.clusterId(),
        BackupDirectory.dataDir(config.restoreFrom()), manifest.getIndex());
  }
}
