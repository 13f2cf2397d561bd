package io.quorate.sql.catalog;

import io.quorate.sql.ast.Statement.ForeignKeyAction;
import java.util.List;

/** A foreign key: {@code columns} of this table reference {@code referencedColumns} of another. */
public record ForeignKeyInfo(String name, List<Integer> columns, long referencedTableId,
    List<Integer> referencedColumns, ForeignKeyAction onDelete, ForeignKeyAction onUpdate) {}
