package io.quorate.om;

import com.beust.jcommander.Parameter;

/** Options before the command. */
final class GlobalOptions {
  @Parameter(names = {"--help", "-h"}, help = true, description = "Print this help and exit")
  boolean help;
}
