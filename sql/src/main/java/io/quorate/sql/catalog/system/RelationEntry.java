package io.quorate.sql.catalog.system;

import io.quorate.sql.catalog.ColumnInfo;
import io.quorate.sql.catalog.IndexInfo;
import io.quorate.sql.catalog.SequenceInfo;
import io.quorate.sql.catalog.TableInfo;
import io.quorate.sql.types.SqlType;
import java.util.ArrayList;
import java.util.List;

/**
 * One pg_class row in the making: a table, view, index, sequence or system relation,
 * with its OID, relkind and attributes. {@code table} is the table itself or, for an
 * index, the table it indexes; {@code index}, {@code sequence} and {@code system} are set
 * for those kinds only.
 */
record RelationEntry(long oid, String schema, String name, String kind, List<Attribute> attributes, TableInfo table,
    IndexInfo index, SequenceInfo sequence, SystemRelation system) {

  /** A pg_attribute row's essentials; attnum is the position in the list plus one. */
  record Attribute(String name, SqlType type, boolean notNull, boolean dropped, String defaultSql,
      String identity) {}

  static RelationEntry of(TableInfo table) {
    List<Attribute> attributes = new ArrayList<>();
    for (ColumnInfo column : table.columns()) {
      String identity = switch (column.identity()) {
        case ALWAYS -> "a";
        case BY_DEFAULT -> "d";
        case NONE -> "";
      };
      attributes.add(new Attribute(column.name(), column.type(), column.notNull(), column.dropped(),
          column.defaultSql(), identity));
    }
    return new RelationEntry(ObjectIds.relation(table.id()), table.schema(), table.name(), table.isView() ? "v" : "r",
        List.copyOf(attributes), table, null, null, null);
  }

  static RelationEntry of(TableInfo table, IndexInfo index) {
    List<Attribute> attributes = new ArrayList<>();
    for (int position : index.columns()) {
      ColumnInfo column = table.columns().get(position);
      attributes.add(new Attribute(column.name(), column.type(), false, false, null, ""));
    }
    return new RelationEntry(ObjectIds.index(table.id(), index.id()), table.schema(), index.name(), "i",
        List.copyOf(attributes), table, index, null, null);
  }

  static RelationEntry of(SequenceInfo sequence) {
    List<Attribute> attributes = List.of(new Attribute("last_value", SqlType.BIGINT, true, false, null, ""),
        new Attribute("log_cnt", SqlType.BIGINT, true, false, null, ""),
        new Attribute("is_called", SqlType.BOOLEAN, true, false, null, ""));
    return new RelationEntry(ObjectIds.relation(sequence.id()), sequence.schema(), sequence.name(), "S", attributes,
        null, null, sequence, null);
  }

  static RelationEntry of(SystemRelation system) {
    List<Attribute> attributes = new ArrayList<>();
    for (SystemColumn column : system.columns()) {
      attributes.add(new Attribute(column.name(), column.type(), false, false, null, ""));
    }
    return new RelationEntry(system.oid(), system.schema(), system.name(), system.isView() ? "v" : "r",
        List.copyOf(attributes), null, null, null, system);
  }

  boolean isIndex() {
    return index != null;
  }
}
