package io.quorate.sql.planner;

import io.quorate.sql.types.SqlType;

/** One output column of a plan node; {@code table} is the qualifier it can be referenced by, or null. */
public record PlanColumn(String table, String name, SqlType type) {}
