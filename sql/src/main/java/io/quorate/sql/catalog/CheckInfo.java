package io.quorate.sql.catalog;

/** A CHECK constraint; the condition is kept as SQL text and bound when used. */
public record CheckInfo(String name, String conditionSql) {}
