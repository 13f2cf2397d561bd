package io.quorate.sql.planner;

/**
 * The shared slot for a WITH query's plan and its rows: the executor materialises the
 * rows on first read and every {@link PlanNode.CteScan} of the statement reads them.
 */
public final class CommonTableResult {

  private final String name;
  private PlanNode plan;

  public CommonTableResult(String name) {
    this.name = name;
  }

  public String name() {
    return name;
  }

  /** The plan computing the rows; null for a recursive query's work table. */
  public PlanNode plan() {
    return plan;
  }

  public void setPlan(PlanNode plan) {
    this.plan = plan;
  }
}
