package io.quorate.om;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import io.grpc.StatusRuntimeException;
import io.quorate.protocol.v1.BackupChunk;
import io.quorate.protocol.v1.BackupManifest;
import io.quorate.protocol.v1.BackupRequest;
import io.quorate.protocol.v1.BackupStart;
import io.quorate.protocol.v1.StatusResponse;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;

/**
 * {@code om backup --to DIR}: a consistent copy of the whole database from one node (the
 * first of {@code --node}/the cluster file that answers, primary or standby), as of the
 * Raft index that node has applied. Every file is checked against the SHA-256 the node
 * computed; {@code MANIFEST} is written last, so a directory without one is an
 * interrupted backup, and a failed backup removes what it wrote.
 */
@Parameters(commandDescription = "Copy a consistent snapshot of the whole database from one node into a new or empty"
    + " directory, with its Raft index and every file's SHA-256")
final class BackupCommand implements OmCommand {

  /** Least time between two progress lines. */
  private static final long PROGRESS_MILLIS = 1000;

  @Parameter(names = {"--help", "-h"}, help = true, description = "Print this command's help")
  boolean help;

  @ParametersDelegate
  final Target target = new Target();

  @Parameter(names = "--to", required = true, description = "Directory for the backup; must not exist or be empty")
  Path to;

  @Parameter(names = "--format", description = "text or json (the summary; progress then goes to stderr)")
  String format = "text";

  @Override
  public String name() {
    return "backup";
  }

  @Override
  public boolean help() {
    return help;
  }

  @Override
  public int run(PrintStream out, PrintStream err) throws IOException {
    Output.checkFormat(format);
    boolean json = format.equals("json");
    try (target) {
      BackupReceiver receiver = BackupReceiver.into(to);
      StatusResponse node;
      try {
        node = target.anyStatus();
      } catch (OmException e) {
        receiver.discard();
        throw e;
      }
      String address = node.getHost() + ":" + node.getAdminPort();
      long started = System.nanoTime();
      try {
        receive(target.client(address), receiver, json ? err : out, started, address);
      } catch (IOException | RuntimeException e) {
        receiver.discard();
        String why = e instanceof StatusRuntimeException sre ? AdminClient.describe(sre) : e.getMessage();
        throw OmException.failed("backup from " + node.getSelfId() + " failed: " + why
            + "; nothing of it was kept in " + receiver.dir());
      }
      long millis = (System.nanoTime() - started) / 1_000_000;
      out.print(json ? json(receiver, millis) : text(receiver, millis));
      return 0;
    }
  }

  private static void receive(AdminClient client, BackupReceiver receiver, PrintStream progress, long started,
      String address) throws IOException {
    Iterator<BackupChunk> stream = client.adminStreaming().backup(BackupRequest.getDefaultInstance());
    long lastReport = System.nanoTime();
    while (stream.hasNext()) {
      boolean announced = receiver.start() != null;
      receiver.accept(stream.next());
      if (!announced && receiver.start() != null) {
        lastReport = System.nanoTime();
        BackupStart start = receiver.start();
        progress.println("Backing up " + start.getNodeId() + " (" + address + ") at index " + start.getIndex()
            + " (term " + start.getTerm() + "): " + start.getFileCount() + " files, "
            + Output.bytes(start.getTotalBytes()) + ", into " + receiver.dir());
      } else if (announced && System.nanoTime() - lastReport > PROGRESS_MILLIS * 1_000_000) {
        lastReport = System.nanoTime();
        progress.println(progressLine(receiver, (lastReport - started) / 1_000_000));
      }
    }
    if (receiver.manifest() == null) {
      throw OmException.failed("the node ended the stream before the manifest");
    }
  }

  static String progressLine(BackupReceiver receiver, long millis) {
    BackupStart start = receiver.start();
    long total = Math.max(1, start.getTotalBytes());
    return String.format(Locale.ROOT, "  %s of %s (%d%%) after %s", Output.bytes(receiver.receivedBytes()),
        Output.bytes(start.getTotalBytes()), receiver.receivedBytes() * 100 / total, Output.seconds(millis));
  }

  static String text(BackupReceiver receiver, long millis) {
    BackupManifest m = receiver.manifest();
    return String.format(Locale.ROOT, """
        backup complete: %s
          cluster : %s
          node    : %s
          index   : %d (term %d)
          files   : %d, %s
          time    : %s
        """, receiver.dir(), m.getClusterId(), m.getNodeId(), m.getIndex(), m.getTerm(), m.getFilesCount(),
        Output.bytes(receiver.receivedBytes()), Output.seconds(millis));
  }

  static String json(BackupReceiver receiver, long millis) {
    BackupManifest m = receiver.manifest();
    return new Json().object()
        .field("dir", receiver.dir().toString())
        .field("cluster_id", m.getClusterId())
        .field("node", m.getNodeId())
        .field("term", m.getTerm())
        .field("index", m.getIndex())
        .field("files", m.getFilesCount())
        .field("bytes", receiver.receivedBytes())
        .field("elapsed_ms", millis)
        .field("version", m.getVersion())
        .end() + "\n";
  }
}
