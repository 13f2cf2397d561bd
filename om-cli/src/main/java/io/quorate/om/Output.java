package io.quorate.om;

import java.util.Locale;

/** Formatting shared by om's commands. */
final class Output {

  private Output() {}

  static void checkFormat(String format) {
    if (!format.equals("text") && !format.equals("json")) {
      throw OmException.usage("--format must be text or json, not '" + format + "'");
    }
  }

  /** 1536 -> "1.5 KiB"; negative (unknown) -> "-". */
  static String bytes(long n) {
    if (n < 0) {
      return "-";
    }
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
    double value = n;
    int unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return unit == 0 ? n + " B" : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }

  /** 1_530 -> "1.5 s": for how long an operation took. */
  static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
  }

  /** 93_000 -> "1m33s". */
  static String duration(long millis) {
    long s = millis / 1000;
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return (s / 60) + "m" + (s % 60) + "s";
    }
    if (s < 86400) {
      return (s / 3600) + "h" + (s % 3600 / 60) + "m";
    }
    return (s / 86400) + "d" + (s % 86400 / 3600) + "h";
  }
}
