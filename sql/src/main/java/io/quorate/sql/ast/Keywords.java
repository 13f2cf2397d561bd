package io.quorate.sql.ast;

import java.util.Set;

/** The SQL words the parser treats as syntax, shared by the parser and the printer. */
public final class Keywords {

  /**
   * PostgreSQL's reserved words, plus the words that may not stand as a bare alias
   * (JOIN, LEFT, IS, LIKE, ...); any of these needs AS or quotes to be a name.
   */
  public static final Set<String> RESERVED = Set.of("all", "analyse", "analyze", "and", "any", "array", "as",
      "asc", "asymmetric", "both", "case", "cast", "check", "collate", "column", "constraint", "create",
      "current_date", "current_time", "current_timestamp", "current_user", "default", "deferrable", "desc",
      "distinct", "do", "else", "end", "except", "false", "fetch", "for", "foreign", "from", "grant", "group",
      "having", "in", "initially", "intersect", "into", "lateral", "leading", "limit", "localtime",
      "localtimestamp", "not", "null", "offset", "on", "only", "or", "order", "placing", "primary", "references",
      "returning", "select", "session_user", "some", "symmetric", "table", "then", "to", "trailing", "true",
      "union", "unique", "user", "using", "variadic", "when", "where", "window", "with", "join", "inner", "left",
      "right", "full", "cross", "natural", "outer", "is", "isnull", "notnull", "like", "ilike", "similar",
      "between", "overlaps", "escape", "filter", "over", "values", "set");

  private Keywords() {}
}
