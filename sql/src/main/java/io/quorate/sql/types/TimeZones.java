package io.quorate.sql.types;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Time-zone names, offsets and local-time resolution with PostgreSQL's rules. */
final class TimeZones {

  /**
   * The abbreviations of PostgreSQL's default {@code timezone_abbreviations} set that
   * Quorate accepts, all fixed offsets as in PostgreSQL (PST is always -08, never PDT).
   */
  private static final Map<String, ZoneOffset> ABBREVIATIONS = Map.ofEntries(
      Map.entry("utc", ZoneOffset.UTC), Map.entry("gmt", ZoneOffset.UTC), Map.entry("z", ZoneOffset.UTC),
      Map.entry("zulu", ZoneOffset.UTC), Map.entry("ut", ZoneOffset.UTC),
      Map.entry("est", ZoneOffset.ofHours(-5)), Map.entry("edt", ZoneOffset.ofHours(-4)),
      Map.entry("cst", ZoneOffset.ofHours(-6)), Map.entry("cdt", ZoneOffset.ofHours(-5)),
      Map.entry("mst", ZoneOffset.ofHours(-7)), Map.entry("mdt", ZoneOffset.ofHours(-6)),
      Map.entry("pst", ZoneOffset.ofHours(-8)), Map.entry("pdt", ZoneOffset.ofHours(-7)),
      Map.entry("cet", ZoneOffset.ofHours(1)), Map.entry("cest", ZoneOffset.ofHours(2)),
      Map.entry("eet", ZoneOffset.ofHours(2)), Map.entry("eest", ZoneOffset.ofHours(3)),
      Map.entry("wet", ZoneOffset.UTC), Map.entry("west", ZoneOffset.ofHours(1)),
      Map.entry("bst", ZoneOffset.ofHours(1)), Map.entry("jst", ZoneOffset.ofHours(9)));

  private static final class Names {
    /** IANA names keyed in lower case: PostgreSQL looks zone names up case-insensitively. */
    static final Map<String, ZoneId> BY_LOWER_NAME = load();

    private static Map<String, ZoneId> load() {
      Map<String, ZoneId> names = new HashMap<>();
      for (String id : ZoneId.getAvailableZoneIds()) {
        names.put(id.toLowerCase(Locale.ROOT), ZoneId.of(id));
      }
      return names;
    }
  }

  private TimeZones() {
  }

  /** A zone abbreviation or IANA name, case-insensitively; null when unknown. */
  static ZoneId byName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    ZoneOffset abbreviation = ABBREVIATIONS.get(lower);
    return abbreviation != null ? abbreviation : Names.BY_LOWER_NAME.get(lower);
  }

  /**
   * The instant a local time names in {@code zone}, resolved as PostgreSQL resolves it:
   * a time skipped by a spring-forward transition is read with the offset before it (so
   * 02:30 becomes 03:30 daylight time), an ambiguous time in a fall-back transition with
   * the offset after it (standard time).
   */
  static Instant resolve(LocalDateTime local, ZoneId zone) {
    ZoneRules rules = zone.getRules();
    List<ZoneOffset> offsets = rules.getValidOffsets(local);
    if (offsets.size() == 1) {
      return local.toInstant(offsets.get(0));
    }
    ZoneOffsetTransition transition = rules.getTransition(local);
    ZoneOffset offset = offsets.isEmpty() ? transition.getOffsetBefore() : transition.getOffsetAfter();
    return local.toInstant(offset);
  }

  /** The offset as PostgreSQL prints it: {@code +01}, {@code -08}, {@code +05:30}, {@code +00:09:21}. */
  static String formatOffset(ZoneOffset offset) {
    int seconds = offset.getTotalSeconds();
    int abs = Math.abs(seconds);
    StringBuilder out = new StringBuilder().append(seconds < 0 ? '-' : '+');
    appendTwoDigits(out, abs / 3600);
    int minutes = abs % 3600 / 60;
    int secs = abs % 60;
    if (minutes != 0 || secs != 0) {
      appendTwoDigits(out.append(':'), minutes);
    }
    if (secs != 0) {
      appendTwoDigits(out.append(':'), secs);
    }
    return out.toString();
  }

  static void appendTwoDigits(StringBuilder out, long value) {
    if (value < 10) {
      out.append('0');
    }
    out.append(value);
  }
}
