package io.quorate.sql.ast;

import java.util.List;

/**
 * A query: an optional WITH list, a body, and ORDER BY / LIMIT / OFFSET over the body's
 * result. {@code limit} null means no limit; {@code FETCH FIRST n ROWS ONLY} is a limit.
 */
public record Query(List<CommonTable> with, boolean recursive, QueryBody body, List<OrderItem> orderBy,
    Expression limit, Expression offset, int position) implements Statement {

  /** A query that is just {@code body}. */
  public static Query of(QueryBody body, int position) {
    return new Query(List.of(), false, body, List.of(), null, null, position);
  }

  /** One {@code name [(columns)] AS (query)} of a WITH clause. */
  public record CommonTable(String name, List<String> columnNames, Query query) {}
}
