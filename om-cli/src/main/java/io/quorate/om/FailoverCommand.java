package io.quorate.om;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import java.io.PrintStream;

/**
 * {@code om failover}: there is nothing to run. Standbys elect a new primary by
 * themselves when the primary fails; this command says so and points to switchover.
 */
@Parameters(commandDescription = "Not needed: failover is automatic (this explains; see switchover)")
final class FailoverCommand implements OmCommand {

  @Parameter(names = {"--help", "-h"}, help = true, description = "Print this command's help")
  boolean help;

  @Override
  public String name() {
    return "failover";
  }

  @Override
  public boolean help() {
    return help;
  }

  @Override
  public int run(PrintStream out, PrintStream err) {
    throw OmException.usage("failover is automatic: when the primary fails, the standbys elect a new one within"
        + " the election timeout (1-2 s by default) and no acknowledged commit is lost."
        + " To move the primary role on purpose, run om switchover --to NODE.");
  }
}
