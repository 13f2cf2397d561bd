package io.quorate.om;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import io.quorate.protocol.backup.BackupDirectory;
import io.quorate.protocol.backup.InvalidBackupException;
import io.quorate.protocol.v1.BackupFile;
import io.quorate.protocol.v1.BackupManifest;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;

/**
 * {@code om restore --from DIR}: a new cluster from a backup of {@code om backup}. It
 * checks every file of the backup against its manifest first, so a corrupt or
 * incomplete backup creates nothing; then it creates the cluster exactly as
 * {@code om bootstrap} does (same options), with every initial node started with
 * {@code --restore-from DIR}, which seeds its new data directory from the backup. The
 * old cluster is not needed. The new cluster holds exactly the backup's data and keeps
 * its roles and passwords.
 */
@Parameters(commandDescription = "Create a new cluster from a backup (om backup): check every file, then start the"
    + " nodes as om bootstrap does (same options), each seeded from the backup")
final class RestoreCommand implements OmCommand {

  @Parameter(names = "--from", required = true, description = "The backup directory (what om backup --to wrote)")
  Path from;

  @ParametersDelegate
  final BootstrapCommand bootstrap = new BootstrapCommand();

  @Override
  public String name() {
    return "restore";
  }

  @Override
  public boolean help() {
    return bootstrap.help;
  }

  @Override
  public int run(PrintStream out, PrintStream err) throws Exception {
    bootstrap.checkUsage();
    PrintStream progress = bootstrap.format.equals("json") ? err : out;
    Path backup = from.toAbsolutePath().normalize();
    long started = System.nanoTime();
    BackupManifest manifest;
    try {
      manifest = BackupDirectory.verify(backup);
    } catch (InvalidBackupException e) {
      throw OmException.failed(e.getMessage() + "; nothing was created");
    }
    long bytes = manifest.getFilesList().stream().mapToLong(BackupFile::getSizeBytes).sum();
    progress.println("Checked the backup in " + backup + ": " + manifest.getFilesCount() + " files, "
        + Output.bytes(bytes) + ", every SHA-256 matches (" + Output.seconds((System.nanoTime() - started) / 1_000_000)
        + ")");
    progress.println("It holds cluster " + manifest.getClusterId() + " up to index " + manifest.getIndex() + " (term "
        + manifest.getTerm() + "), copied from node " + manifest.getNodeId() + " at "
        + Instant.ofEpochMilli(manifest.getCreatedMillis()) + " by Quorate " + manifest.getVersion());
    bootstrap.restoreFrom = backup;
    return bootstrap.run(out, err);
  }
}
