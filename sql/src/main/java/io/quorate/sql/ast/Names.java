package io.quorate.sql.ast;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Writes names and string constants so that the parser reads back exactly the same text. */
final class Names {

  private static Set<String> union(Set<String> a, Set<String> b) {
    java.util.HashSet<String> all = new java.util.HashSet<>(a);
    all.addAll(b);
    return Set.copyOf(all);
  }

  private static final Pattern SIMPLE = Pattern.compile("[a-z_][a-z0-9_]*");

  /**
   * Words written in quotes: PostgreSQL's reserved words and the parser's other
   * non-alias words, and unreserved words that some position reads as syntax (type
   * names before a string, functions with special argument syntax, SET's options).
   */
  private static final Set<String> QUOTED_WORDS = union(Keywords.RESERVED, Set.of(
      "exists", "extract", "position", "substring", "trim", "current_schema", "current_catalog", "at", "time",
      "zone", "timestamp", "timestamptz", "interval", "date", "int", "integer", "int2", "int4", "int8",
      "smallint", "bigint", "numeric", "decimal", "real", "float4", "float8", "double", "text", "varchar",
      "char", "character", "bool", "boolean", "uuid", "json", "jsonb", "bytea", "unknown", "local", "session",
      "names", "transaction", "concurrently", "if", "nulls", "first", "last", "rows", "range", "preceding",
      "following", "unbounded", "current", "row", "partition", "recursive", "materialized", "by"));

  private Names() {}

  /** {@code name} bare when that reads back as {@code name}, else double-quoted. */
  static void identifier(StringBuilder out, String name) {
    if (isBare(name)) {
      out.append(name);
    } else {
      out.append('"').append(name.replace("\"", "\"\"")).append('"');
    }
  }

  private static boolean isBare(String name) {
    return SIMPLE.matcher(name).matches() && !QUOTED_WORDS.contains(name);
  }

  /** {@code a.b.c}. */
  static void dotted(StringBuilder out, List<String> parts) {
    for (int i = 0; i < parts.size(); i++) {
      if (i > 0) {
        out.append('.');
      }
      identifier(out, parts.get(i));
    }
  }

  static void qualified(StringBuilder out, QualifiedName name) {
    if (name.schema() != null) {
      identifier(out, name.schema());
      out.append('.');
    }
    identifier(out, name.name());
  }

  /** {@code (a, b)}. */
  static void list(StringBuilder out, List<String> names) {
    out.append('(');
    for (int i = 0; i < names.size(); i++) {
      if (i > 0) {
        out.append(", ");
      }
      identifier(out, names.get(i));
    }
    out.append(')');
  }

  /**
   * A function name the parser stored with its parts joined by dots. It is written in
   * parts where that reads back the same, else as one quoted name (a quoted dot is kept).
   * {@code maxParts} is how many parts the position allows; expression calls drop a
   * leading {@code pg_catalog.}, FROM items do not.
   */
  static void functionName(StringBuilder out, String name, int maxParts) {
    List<String> parts = List.of(name.split("\\.", -1));
    boolean strippedPrefix = maxParts > 2 && parts.size() == 2 && parts.get(0).equals("pg_catalog");
    if (parts.size() > maxParts || strippedPrefix || parts.stream().anyMatch(String::isEmpty)) {
      out.append('"').append(name.replace("\"", "\"\"")).append('"');
    } else {
      dotted(out, parts);
    }
  }

  /** A standard-conforming string constant: quotes doubled, backslashes literal. */
  static void string(StringBuilder out, String text) {
    out.append('\'').append(text.replace("'", "''")).append('\'');
  }

  /** A string constant as a String. */
  static String string(String text) {
    StringBuilder out = new StringBuilder();
    string(out, text);
    return out.toString();
  }
}
