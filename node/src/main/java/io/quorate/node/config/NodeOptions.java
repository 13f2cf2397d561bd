package io.quorate.node.config;

import com.beust.jcommander.Parameter;

/**
 * The node's command-line flags. Every flag can also be given in the config file as
 * {@code name = value} with the flag's name without the dashes; flags win.
 */
public final class NodeOptions {

  @Parameter(names = {"--help", "-h"}, help = true, description = "Print this help and exit")
  public boolean help;

  @Parameter(names = "--config", description = "Config file of key = value lines (see conf/node.conf)")
  public String config;

  @Parameter(names = "--node-id", description = "This node's id, unique in the cluster (letters, digits, - and _)")
  public String nodeId;

  @Parameter(names = "--data-dir", description = "Directory for the Raft log, snapshots and the database")
  public String dataDir;

  @Parameter(names = "--host", description = "Address other nodes and clients reach this node at (default 127.0.0.1)")
  public String host;

  @Parameter(names = "--raft-port", description = "Port of the Raft replication service (default 7100)")
  public Integer raftPort;

  @Parameter(names = "--admin-port", description = "Port of the gRPC admin and KV services (default 7200)")
  public Integer adminPort;

  @Parameter(names = "--client-port", description = "Port of the SQL service, PostgreSQL protocol (default 5432)")
  public Integer clientPort;

  @Parameter(names = "--auth", description = "How SQL clients authenticate: scram-sha-256 (default), md5 or trust (no password; local development only)")
  public String auth;

  @Parameter(names = "--superuser", description = "Name of the superuser created with a new cluster (default quorate)")
  public String superuser;

  @Parameter(names = "--superuser-password-file", description = "File whose first line is the new cluster's superuser password (read when the cluster is created)")
  public String superuserPasswordFile;

  @Parameter(names = "--max-connections", description = "SQL connections this node accepts at once; more are refused with 53300 (default 100)")
  public Integer maxConnections;

  @Parameter(names = "--cluster-id", description = "The cluster's name, the same on every node (default quorate)")
  public String clusterId;

  @Parameter(names = "--peers", description = "Initial voters as id=host:raftPort[:adminPort],... including this node")
  public String peers;

  @Parameter(names = "--join", arity = 1, description = "true: start empty and wait to be added by `om add-node`")
  public Boolean join;

  @Parameter(names = "--election-timeout-min-ms", description = "Minimum Raft election timeout in ms (default 1000)")
  public Integer electionTimeoutMinMillis;

  @Parameter(names = "--election-timeout-max-ms", description = "Maximum Raft election timeout in ms (default 2000)")
  public Integer electionTimeoutMaxMillis;

  @Parameter(names = "--snapshot-threshold", description = "Entries between automatic snapshots (default 10000)")
  public Long snapshotThresholdEntries;

  @Parameter(names = "--restore-from", description = "A backup directory (om backup) to start a new data directory from;"
      + " every initial node of the new cluster names the same backup. Ignored once the data directory has a database")
  public String restoreFrom;
}
