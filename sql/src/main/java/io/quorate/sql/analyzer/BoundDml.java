package io.quorate.sql.analyzer;

import io.quorate.sql.catalog.IndexInfo;
import io.quorate.sql.catalog.TableInfo;
import io.quorate.sql.expression.BoundExpression;
import io.quorate.sql.planner.PlanColumn;
import io.quorate.sql.planner.PlanNode;
import java.util.List;

/**
 * Analysed INSERT, UPDATE and DELETE, ready for the table writer. Expressions over "the
 * stored row" see the table's columns by stored position.
 */
public sealed interface BoundDml {

  TableInfo table();

  /** RETURNING expressions over the stored row after the change (before it, for DELETE); empty for none. */
  List<BoundExpression> returning();

  List<PlanColumn> returningColumns();

  /** The table's constraints bound over the stored row. */
  TableChecks checks();

  /** The same change reading its rows through {@code newSource} (an optimised plan of the same rows). */
  BoundDml withSource(PlanNode newSource);

  /** The plan producing the rows to insert or change. */
  PlanNode source();

  /**
   * INSERT: {@code source} yields one value per stored column, already converted and
   * with defaults filled in; {@code conflict} is null without ON CONFLICT.
   */
  record Insert(TableInfo table, PlanNode source, Conflict conflict, List<BoundExpression> returning,
      List<PlanColumn> returningColumns, TableChecks checks) implements BoundDml {
    @Override
    public Insert withSource(PlanNode newSource) {
      return new Insert(table, newSource, conflict, returning, returningColumns, checks);
    }
  }

  /**
   * ON CONFLICT: the arbiter index; DO NOTHING when {@code assignments} is null. For DO
   * UPDATE, assignments (by stored position, null where unchanged) and {@code where}
   * are over the existing stored row followed by the proposed row ("excluded").
   */
  record Conflict(IndexInfo arbiter, List<BoundExpression> assignments, BoundExpression where) {}

  /**
   * UPDATE: {@code source} yields the stored row, its row key, then any FROM columns;
   * {@code assignments} (by stored position, null where unchanged) are over that row.
   * {@code recheck} is the WHERE over the stored row alone, re-evaluated on the newest
   * version of a row that another transaction changed meanwhile (READ COMMITTED).
   */
  record Update(TableInfo table, PlanNode source, List<BoundExpression> assignments, BoundExpression recheck,
      List<BoundExpression> returning, List<PlanColumn> returningColumns, TableChecks checks) implements BoundDml {
    @Override
    public Update withSource(PlanNode newSource) {
      return new Update(table, newSource, assignments, recheck, returning, returningColumns, checks);
    }
  }

  /** DELETE: {@code source} yields the stored row then its row key; {@code recheck} as for UPDATE. */
  record Delete(TableInfo table, PlanNode source, BoundExpression recheck, List<BoundExpression> returning,
      List<PlanColumn> returningColumns, TableChecks checks) implements BoundDml {
    @Override
    public Delete withSource(PlanNode newSource) {
      return new Delete(table, newSource, recheck, returning, returningColumns, checks);
    }
  }

  /** CHECK constraints (name and condition over the stored row) and foreign keys. */
  record TableChecks(List<String> checkNames, List<BoundExpression> checks) {}
}
