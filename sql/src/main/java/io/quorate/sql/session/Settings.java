package io.quorate.sql.session;

import io.quorate.sql.error.SqlException;
import io.quorate.sql.error.SqlState;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A session's run-time parameters (SET/SHOW/RESET), with PostgreSQL's names, defaults
 * and value checks. Names are case-insensitive; SHOW prints values as PostgreSQL does.
 * Parameters the engine does not act on but clients set (application_name,
 * client_min_messages, ...) are kept and shown. Not thread-safe.
 */
public final class Settings {

  /** A parameter's default and how a new value is checked and normalised. */
  private record Parameter(String displayName, String defaultValue, boolean readOnly, Validator validator) {}

  @FunctionalInterface
  private interface Validator {
    String normalise(String value);
  }

  private static final Map<String, Parameter> PARAMETERS = new LinkedHashMap<>();
  /**
   * A parameter name as clients spell it (lower case, or canonical: DateStyle, TimeZone)
   * to its map key, so the usual spellings need no lowering.
   */
  private static final Map<String, String> KEYS = new HashMap<>();

  static {
    define("application_name", "", false, v -> v);
    define("client_encoding", "UTF8", false, Settings::encoding);
    define("client_min_messages", "notice", false, v -> oneOf(v, "client_min_messages", "debug5", "debug4",
        "debug3", "debug2", "debug1", "log", "notice", "warning", "error"));
    define("DateStyle", "ISO, MDY", false, Settings::dateStyle);
    define("default_transaction_isolation", "read committed", false, Settings::isolation);
    define("default_transaction_read_only", "off", false, Settings::bool);
    define("extra_float_digits", "1", false, v -> integer(v, "extra_float_digits", -15, 3));
    define("idle_in_transaction_session_timeout", "0", false, v -> milliseconds(v,
        "idle_in_transaction_session_timeout"));
    define("IntervalStyle", "postgres", false, v -> oneOf(v, "IntervalStyle", "postgres"));
    define("lock_timeout", "0", false, v -> milliseconds(v, "lock_timeout"));
    define("password_encryption", "scram-sha-256", false, v -> oneOf(v, "password_encryption", "md5",
        "scram-sha-256"));
    define("search_path", "\"$user\", public", false, Settings::searchPathValue);
    define("statement_timeout", "0", false, v -> milliseconds(v, "statement_timeout"));
    define("TimeZone", "UTC", false, Settings::timeZone);
    define("transaction_isolation", "read committed", false, Settings::isolation);
    define("transaction_read_only", "off", false, Settings::bool);
    define("bytea_output", "hex", false, v -> oneOf(v, "bytea_output", "hex"));
    define("standard_conforming_strings", "on", false, v -> oneOf(v, "standard_conforming_strings", "on"));
    define("synchronous_commit", "on", false, v -> v);
    define("work_mem", "4MB", false, v -> v);
    define("jit", "off", false, Settings::bool);
    define("row_security", "on", false, Settings::bool);
    define("server_version", "15.0", true, v -> v);
    define("port", "5432", true, v -> v);
    define("in_hot_standby", "off", true, v -> v);
    define("server_version_num", "150000", true, v -> v);
    define("server_encoding", "UTF8", true, v -> v);
    define("integer_datetimes", "on", true, v -> v);
    define("max_identifier_length", "63", true, v -> v);
    // PostgreSQL's limit of index (and so foreign key) columns; pgjdbc reads it for getImportedKeys
    define("max_index_keys", "32", true, v -> v);
    define("is_superuser", "on", true, v -> v);
    define("session_authorization", "quorate", true, v -> v);
  }

  private static void define(String name, String defaultValue, boolean readOnly, Validator validator) {
    String key = name.toLowerCase(Locale.ROOT);
    PARAMETERS.put(key, new Parameter(name, defaultValue, readOnly, validator));
    KEYS.put(key, key);
    KEYS.put(name, key);
  }

  /** Keyed by lower-case name. */
  private Map<String, String> values = new HashMap<>();
  /**
   * This session's defaults where they differ from the built-in ones (the database's
   * settings, see {@link #setSessionDefault}); RESET returns to them.
   */
  private Map<String, String> sessionDefaults = new HashMap<>();
  /**
   * Whether the maps may be shared with a copy: {@link #copy} is taken at every BEGIN and
   * every extended-protocol Execute (to restore on rollback) and is rarely written, so
   * it shares the maps and whichever side writes first copies them.
   */
  private boolean shared;
  /** Parsed forms of TimeZone and search_path, read on every statement; cleared on any change. */
  private ZoneId zone;
  private List<String> searchPath;
  private long statementTimeoutMillis = -1;

  private static final java.util.regex.Pattern SHOWN_DURATION =
      java.util.regex.Pattern.compile("(\\d+)(d|h|min|s|ms)?");

  public Settings() {
    for (Map.Entry<String, Parameter> entry : PARAMETERS.entrySet()) {
      values.put(entry.getKey(), entry.getValue().defaultValue());
    }
  }

  private Settings(Settings original) {
    values = original.values;
    sessionDefaults = original.sessionDefaults;
    zone = original.zone;
    searchPath = original.searchPath;
    statementTimeoutMillis = original.statementTimeoutMillis;
    shared = true;
  }

  /** An independent copy; O(1), the maps are copied on the first write to either side. */
  public Settings copy() {
    shared = true;
    return new Settings(this);
  }

  /** Makes the maps this instance's own before a write. */
  private void own() {
    if (shared) {
      values = new HashMap<>(values);
      sessionDefaults = new HashMap<>(sessionDefaults);
      shared = false;
    }
  }

  /**
   * The map key of a parameter name: its lower case, looked up rather than computed for
   * the usual spellings (ReadyForQuery reports DateStyle and TimeZone after every
   * statement).
   */
  private static String key(String name) {
    String key = KEYS.get(name);
    return key != null ? key : name.toLowerCase(Locale.ROOT);
  }

  private static Parameter parameter(String name) {
    Parameter parameter = PARAMETERS.get(key(name));
    if (parameter == null) {
      throw new SqlException(SqlState.UNDEFINED_OBJECT, "unrecognized configuration parameter \"" + name + "\"");
    }
    return parameter;
  }

  /** The value as SHOW prints it; 42704 for an unknown name. */
  public String get(String name) {
    String value = values.get(key(name));
    if (value == null) {
      parameter(name); // every known parameter has a value: this throws 42704
    }
    return value;
  }

  /** Sets a value (checked and normalised); 55P02-style refusal for read-only parameters. */
  public void set(String name, String value) {
    String normalised = normalise(name, value);
    own();
    values.put(key(name), normalised);
    changed();
  }

  /**
   * The value as SET would store and SHOW print it: 42704 for an unknown name, 55P02 for
   * a read-only parameter, 22023 for a bad value. Changes nothing.
   */
  public static String normalise(String name, String value) {
    Parameter parameter = parameter(name);
    if (parameter.readOnly()) {
      throw new SqlException(SqlState.CANT_CHANGE_RUNTIME_PARAM, "parameter \"" + name + "\" cannot be changed");
    }
    String unquoted = name.equalsIgnoreCase("search_path") ? value : unquote(value);
    return parameter.validator().normalise(unquoted);
  }

  /**
   * Makes {@code value} this session's default for {@code name}, as PostgreSQL does for a
   * setting of the database (ALTER DATABASE ... SET): the current value and what RESET
   * returns to. Checked like {@link #set}.
   */
  public void setSessionDefault(String name, String value) {
    String key = key(name);
    String normalised = normalise(name, value);
    own();
    values.put(key, normalised);
    sessionDefaults.put(key, normalised);
    changed();
  }

  /**
   * Sets a parameter the server fixes for the session when it starts, read-only ones
   * included (server_version, session_authorization): the value is taken as given.
   */
  public void initialize(String name, String value) {
    parameter(name);
    own();
    values.put(key(name), value);
    changed();
  }

  /**
   * Records the session's authenticated user as session_authorization (what current_user
   * returns) and is_superuser; these are read-only to SQL.
   */
  public void setSessionUser(String name, boolean superuser) {
    own();
    values.put("session_authorization", name);
    values.put("is_superuser", superuser ? "on" : "off");
  }

  private void changed() {
    zone = null;
    searchPath = null;
    statementTimeoutMillis = -1;
  }

  private static String unquote(String value) {
    return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
        ? value.substring(1, value.length() - 1) : value;
  }

  /** Returns {@code name} to the session's default (the database's setting, else the built-in default). */
  public void reset(String name) {
    String key = key(name);
    String value = sessionDefaults.getOrDefault(key, parameter(name).defaultValue());
    own();
    values.put(key, value);
    changed();
  }

  public void resetAll() {
    own();
    for (Map.Entry<String, Parameter> entry : PARAMETERS.entrySet()) {
      if (!entry.getValue().readOnly()) {
        values.put(entry.getKey(), sessionDefaults.getOrDefault(entry.getKey(), entry.getValue().defaultValue()));
      }
    }
    changed();
  }

  /** Every parameter as (name, value, description) rows for SHOW ALL. */
  public List<String[]> all() {
    List<String[]> rows = new ArrayList<>();
    for (Map.Entry<String, Parameter> entry : PARAMETERS.entrySet()) {
      rows.add(new String[] {entry.getValue().displayName(), values.get(entry.getKey())});
    }
    return rows;
  }

  /** The parameter's canonical spelling, as ParameterStatus and SHOW's column name use it. */
  public static String displayName(String name) {
    return parameter(name).displayName();
  }

  public ZoneId zone() {
    if (zone == null) {
      zone = ZoneId.of(values.get("timezone"));
    }
    return zone;
  }

  /** The schemas unqualified names are looked up in ($user is skipped: there are no per-user schemas). */
  public List<String> searchPath() {
    if (searchPath == null) {
      searchPath = parseSearchPath();
    }
    return searchPath;
  }

  private List<String> parseSearchPath() {
    List<String> path = new ArrayList<>();
    for (String part : values.get("search_path").split(",")) {
      String schema = part.strip();
      if (schema.startsWith("\"") && schema.endsWith("\"") && schema.length() >= 2) {
        schema = schema.substring(1, schema.length() - 1);
      } else {
        schema = schema.toLowerCase(Locale.ROOT);
      }
      if (!schema.isEmpty() && !schema.equals("$user")) {
        path.add(schema);
      }
    }
    return List.copyOf(path);
  }

  public long statementTimeoutMillis() {
    if (statementTimeoutMillis < 0) {
      statementTimeoutMillis = parseShownDuration(values.get("statement_timeout"));
    }
    return statementTimeoutMillis;
  }

  /** A duration parameter's value in milliseconds (statement_timeout, idle_in_transaction_session_timeout, ...). */
  public long durationMillis(String name) {
    return parseShownDuration(get(name));
  }

  private static long parseShownDuration(String shown) {
    java.util.regex.Matcher matcher = SHOWN_DURATION.matcher(shown);
    if (!matcher.matches()) {
      return 0;
    }
    long amount = Long.parseLong(matcher.group(1));
    String unit = matcher.group(2) == null ? "ms" : matcher.group(2);
    return switch (unit) {
      case "d" -> amount * 86_400_000;
      case "h" -> amount * 3_600_000;
      case "min" -> amount * 60_000;
      case "s" -> amount * 1000;
      default -> amount;
    };
  }

  /**
   * search_path as PostgreSQL shows it: each schema as an identifier, quoted only when it
   * must be ({@code "$user"}, mixed case). Elements arrive quoted when they were written
   * as quoted identifiers.
   */
  private static String searchPathValue(String value) {
    List<String> parts = new ArrayList<>();
    for (String part : value.split(",")) {
      String element = part.strip();
      if (element.length() >= 2 && element.startsWith("\"") && element.endsWith("\"")) {
        String name = element.substring(1, element.length() - 1);
        element = name.matches("[a-z_][a-z0-9_]*") ? name : element;
      }
      if (!element.isEmpty()) {
        parts.add(element);
      }
    }
    return String.join(", ", parts);
  }

  private static String encoding(String value) {
    String normalised = value.replace("-", "").replace("_", "").toUpperCase(Locale.ROOT);
    if (!normalised.equals("UTF8") && !normalised.equals("UNICODE")) {
      throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED,
          "conversion between " + value + " and UTF8 is not supported");
    }
    return "UTF8";
  }

  private static String dateStyle(String value) {
    String upper = value.toUpperCase(Locale.ROOT).replace(" ", "");
    if (!upper.startsWith("ISO")) {
      throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "DateStyle \"" + value + "\" is not supported")
          .withHint("Quorate supports the ISO output style.");
    }
    return upper.contains("DMY") ? "ISO, DMY" : upper.contains("YMD") ? "ISO, YMD" : "ISO, MDY";
  }

  static String isolation(String value) {
    String normalised = value.toLowerCase(Locale.ROOT).strip().replaceAll("\\s+", " ");
    return oneOf(normalised, "transaction_isolation", "read committed", "read uncommitted", "repeatable read",
        "serializable");
  }

  private static String bool(String value) {
    String lower = value.toLowerCase(Locale.ROOT);
    if (lower.equals("on") || lower.equals("true") || lower.equals("yes") || lower.equals("1")) {
      return "on";
    }
    if (lower.equals("off") || lower.equals("false") || lower.equals("no") || lower.equals("0")) {
      return "off";
    }
    throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "parameter requires a Boolean value");
  }

  private static String oneOf(String value, String name, String... allowed) {
    String lower = value.toLowerCase(Locale.ROOT);
    for (String candidate : allowed) {
      if (candidate.equals(lower)) {
        return candidate;
      }
    }
    throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "invalid value for parameter \"" + name + "\": \""
        + value + "\"").withHint("Available values: " + String.join(", ", allowed) + ".");
  }

  private static String integer(String value, String name, int min, int max) {
    try {
      int parsed = Integer.parseInt(value.strip());
      if (parsed < min || parsed > max) {
        throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, parsed + " is outside the valid range for "
            + "parameter \"" + name + "\" (" + min + " .. " + max + ")");
      }
      return Integer.toString(parsed);
    } catch (NumberFormatException notANumber) {
      throw new SqlException(SqlState.INVALID_PARAMETER_VALUE,
          "invalid value for parameter \"" + name + "\": \"" + value + "\"");
    }
  }

  /** PostgreSQL's upper limit of a duration parameter in milliseconds (INT_MAX). */
  private static final long MAX_DURATION_MILLIS = Integer.MAX_VALUE;

  /** A duration in milliseconds, 0 .. INT_MAX; accepts units us, ms, s, min, h, d like PostgreSQL. */
  private static String milliseconds(String value, String name) {
    java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\\s*(\\d+)\\s*(us|ms|s|min|h|d)?\\s*")
        .matcher(value);
    if (!matcher.matches()) {
      throw new SqlException(SqlState.INVALID_PARAMETER_VALUE,
          "invalid value for parameter \"" + name + "\": \"" + value + "\"")
          .withHint("Valid units for this parameter are \"us\", \"ms\", \"s\", \"min\", \"h\", and \"d\".");
    }
    String unit = matcher.group(2) == null ? "ms" : matcher.group(2);
    long millis;
    try {
      long amount = Long.parseLong(matcher.group(1));
      millis = switch (unit) {
        case "us" -> amount / 1000;
        case "s" -> Math.multiplyExact(amount, 1000);
        case "min" -> Math.multiplyExact(amount, 60_000);
        case "h" -> Math.multiplyExact(amount, 3_600_000);
        case "d" -> Math.multiplyExact(amount, 86_400_000);
        default -> amount;
      };
    } catch (NumberFormatException | ArithmeticException tooLarge) {
      throw new SqlException(SqlState.INVALID_PARAMETER_VALUE,
          "invalid value for parameter \"" + name + "\": \"" + value + "\"").withHint("Value exceeds integer range.");
    }
    if (millis > MAX_DURATION_MILLIS) {
      throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, millis + " ms is outside the valid range for parameter \""
          + name + "\" (0 .. " + MAX_DURATION_MILLIS + ")");
    }
    return showDuration(millis);
  }

  /** PostgreSQL's display of a duration in milliseconds: the largest unit that divides it (5000 is 5s). */
  private static String showDuration(long millis) {
    if (millis == 0) {
      return "0";
    }
    long[] sizes = {86_400_000, 3_600_000, 60_000, 1000};
    String[] units = {"d", "h", "min", "s"};
    for (int i = 0; i < sizes.length; i++) {
      if (millis % sizes[i] == 0) {
        return millis / sizes[i] + units[i];
      }
    }
    return millis + "ms";
  }

  private static String timeZone(String value) {
    String zone = value.strip();
    if (zone.equalsIgnoreCase("utc") || zone.equalsIgnoreCase("gmt") || zone.equalsIgnoreCase("z")) {
      return "UTC";
    }
    try {
      if (zone.matches("[+-]?\\d{1,2}(:\\d{2})?")) {
        // POSIX sign convention is inverted, but a bare number means hours east in SET TIME ZONE
        return ZoneId.of(zone.startsWith("+") || zone.startsWith("-") ? zone : "+" + zone).getId();
      }
      return ZoneId.of(zone).getId();
    } catch (DateTimeException unknown) {
      throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "invalid value for parameter \"TimeZone\": \""
          + value + "\"");
    }
  }
}
