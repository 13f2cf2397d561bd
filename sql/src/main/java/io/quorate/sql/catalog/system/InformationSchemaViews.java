package io.quorate.sql.catalog.system;

import io.quorate.sql.catalog.ColumnInfo;
import io.quorate.sql.catalog.TableInfo;
import io.quorate.sql.types.SqlType;
import java.util.List;

/** information_schema: schemata, tables, columns, views, table_constraints, key_column_usage. */
final class InformationSchemaViews {

  private static final String SCHEMA = "information_schema";

  private InformationSchemaViews() {}

  static void register(SystemRelations.Registrar registrar) {
    registrar.add(SCHEMA, "schemata", InformationSchemaViews::schemata);
    registrar.add(SCHEMA, "tables", InformationSchemaViews::tables);
    registrar.add(SCHEMA, "columns", InformationSchemaViews::columns);
    registrar.add(SCHEMA, "views", InformationSchemaViews::views);
    registrar.add(SCHEMA, "table_constraints", InformationSchemaViews::tableConstraints);
    registrar.add(SCHEMA, "key_column_usage", InformationSchemaViews::keyColumnUsage);
  }

  private static void schemata(SystemContext context, SystemRelation.Rows rows) {
    for (String schema : context.namespaces().values()) {
      rows.add().set("catalog_name", SystemContext.DATABASE_NAME).set("schema_name", schema)
          .set("schema_owner", PgConvenienceViews.ownerName(context));
    }
  }

  private static void tables(SystemContext context, SystemRelation.Rows rows) {
    for (RelationEntry relation : context.relations()) {
      if (relation.kind().equals("r") || relation.kind().equals("v")) {
        boolean view = relation.kind().equals("v");
        rows.add().set("table_catalog", SystemContext.DATABASE_NAME).set("table_schema", relation.schema())
            .set("table_name", relation.name()).set("table_type", view ? "VIEW" : "BASE TABLE")
            .set("is_insertable_into", view ? "NO" : "YES").set("is_typed", "NO");
      }
    }
  }

  private static void columns(SystemContext context, SystemRelation.Rows rows) {
    for (TableInfo table : context.catalog().tables()) {
      int ordinal = 0;
      for (ColumnInfo column : table.columns()) {
        if (column.dropped()) {
          continue;
        }
        ordinal++;
        SqlType type = column.type();
        SystemRelation.Row row = rows.add()
            .set("table_catalog", SystemContext.DATABASE_NAME).set("table_schema", table.schema())
            .set("table_name", table.name()).set("column_name", column.name())
            .set("ordinal_position", (long) ordinal).set("column_default", column.defaultSql() == null ? null
                : context.defaultText(column.defaultSql()))
            .set("is_nullable", column.notNull() ? "NO" : "YES")
            .set("data_type", type.isArray() ? "ARRAY" : type.kind().pgName())
            .set("udt_catalog", SystemContext.DATABASE_NAME).set("udt_schema", "pg_catalog")
            .set("udt_name", PgTypes.typeName(type)).set("dtd_identifier", Long.toString(ordinal))
            .set("is_self_referencing", "NO")
            .set("is_identity", column.identity() == ColumnInfo.Identity.NONE ? "NO" : "YES")
            .set("identity_generation", switch (column.identity()) {
              case ALWAYS -> "ALWAYS";
              case BY_DEFAULT -> "BY DEFAULT";
              case NONE -> null;
            })
            .set("identity_cycle", "NO").set("is_generated", "NEVER")
            .set("is_updatable", table.isView() ? "NO" : "YES");
        typeDetails(row, type);
      }
    }
  }

  /** The length, precision and scale columns, as PostgreSQL's information_schema derives them. */
  private static void typeDetails(SystemRelation.Row row, SqlType type) {
    switch (type.kind()) {
      case VARCHAR, CHAR, TEXT -> {
        if (type.precision() >= 0 && type.kind() != SqlType.Kind.TEXT) {
          row.set("character_maximum_length", (long) type.precision())
              .set("character_octet_length", (long) type.precision() * 4);
        } else {
          row.set("character_octet_length", 1073741824L);
        }
      }
      case SMALLINT, INTEGER, BIGINT -> row.set("numeric_precision", switch (type.kind()) {
        case SMALLINT -> 16L;
        case INTEGER -> 32L;
        default -> 64L;
      }).set("numeric_precision_radix", 2L).set("numeric_scale", 0L);
      case REAL, DOUBLE -> row.set("numeric_precision", type.kind() == SqlType.Kind.REAL ? 24L : 53L)
          .set("numeric_precision_radix", 2L);
      case NUMERIC -> row.set("numeric_precision", type.precision() < 0 ? null : (long) type.precision())
          .set("numeric_precision_radix", 10L)
          .set("numeric_scale", type.precision() < 0 ? null : (long) type.scale());
      case DATE -> row.set("datetime_precision", 0L);
      case TIME, TIMESTAMP, TIMESTAMPTZ, INTERVAL -> row.set("datetime_precision", 6L);
      default -> { }
    }
  }

  private static void views(SystemContext context, SystemRelation.Rows rows) {
    for (TableInfo table : context.catalog().tables()) {
      if (table.isView()) {
        rows.add().set("table_catalog", SystemContext.DATABASE_NAME).set("table_schema", table.schema())
            .set("table_name", table.name()).set("view_definition", " " + table.viewSql() + ";")
            .set("check_option", "NONE").set("is_updatable", "NO").set("is_insertable_into", "NO")
            .set("is_trigger_updatable", "NO").set("is_trigger_deletable", "NO")
            .set("is_trigger_insertable_into", "NO");
      }
    }
  }

  private static void tableConstraints(SystemContext context, SystemRelation.Rows rows) {
    for (TableInfo table : context.catalog().tables()) {
      for (Constraints.Entry entry : Constraints.of(table)) {
        String type = switch (entry.type()) {
          case "p" -> "PRIMARY KEY";
          case "u" -> "UNIQUE";
          case "c" -> "CHECK";
          default -> "FOREIGN KEY";
        };
        boolean unique = entry.index() != null;
        rows.add().set("constraint_catalog", SystemContext.DATABASE_NAME).set("constraint_schema", table.schema())
            .set("constraint_name", entry.name()).set("table_catalog", SystemContext.DATABASE_NAME)
            .set("table_schema", table.schema()).set("table_name", table.name()).set("constraint_type", type)
            .set("is_deferrable", "NO").set("initially_deferred", "NO").set("enforced", "YES")
            .set("nulls_distinct", unique ? "YES" : null);
      }
    }
  }

  private static void keyColumnUsage(SystemContext context, SystemRelation.Rows rows) {
    for (TableInfo table : context.catalog().tables()) {
      for (Constraints.Entry entry : Constraints.of(table)) {
        List<Integer> columns = entry.index() != null ? entry.index().columns()
            : entry.foreignKey() != null ? entry.foreignKey().columns() : List.of();
        for (int i = 0; i < columns.size(); i++) {
          rows.add().set("constraint_catalog", SystemContext.DATABASE_NAME).set("constraint_schema", table.schema())
              .set("constraint_name", entry.name()).set("table_catalog", SystemContext.DATABASE_NAME)
              .set("table_schema", table.schema()).set("table_name", table.name())
              .set("column_name", table.columns().get(columns.get(i)).name()).set("ordinal_position", (long) i + 1)
              .set("position_in_unique_constraint", entry.foreignKey() != null ? (long) i + 1 : null);
        }
      }
    }
  }
}
