package io.quorate.node;

import com.beust.jcommander.JCommander;
import com.beust.jcommander.ParameterException;
import io.quorate.node.config.ConfigException;
import io.quorate.node.config.NodeConfig;
import io.quorate.node.config.NodeOptions;
import io.quorate.node.server.QuorateNode;
import io.quorate.raft.txn.StoreException;
import java.util.concurrent.CountDownLatch;

/**
 * {@code quorate-node}: runs one node until SIGTERM (or SIGINT). Exit codes: 0 after a
 * clean stop, 2 for a bad command line or configuration, 1 when the node fails to start.
 */
public final class NodeMain {

  private NodeMain() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String[] args) {
    NodeOptions options = new NodeOptions();
    JCommander commander = JCommander.newBuilder().addObject(options).programName("quorate-node").build();
    try {
      commander.parse(args);
    } catch (ParameterException e) {
      System.err.println("quorate-node: " + e.getMessage() + " (see quorate-node --help)");
      return 2;
    }
    if (options.help) {
      StringBuilder usage = new StringBuilder();
      commander.getUsageFormatter().usage(usage);
      System.out.println("Runs one Quorate node until it receives SIGTERM.\n\n" + usage);
      return 0;
    }
    NodeConfig config;
    try {
      config = NodeConfig.load(options);
      config.checkPortsFree();
    } catch (ConfigException e) {
      System.err.println("quorate-node: " + e.getMessage());
      return 2;
    }
    QuorateNode node;
    try {
      // An admin Shutdown request exits like SIGTERM, a failed replica with status 3;
      // either way the hook below closes the node.
      node = QuorateNode.start(config, System::exit);
    } catch (StoreException | java.io.UncheckedIOException e) {
      System.err.println("quorate-node: " + e.getMessage());
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      node.close();
      stopped.countDown();
    }, "shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }
}
