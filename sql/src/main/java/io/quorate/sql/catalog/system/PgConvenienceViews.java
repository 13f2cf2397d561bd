package io.quorate.sql.catalog.system;

import io.quorate.sql.catalog.IndexInfo;
import io.quorate.sql.catalog.Role;
import io.quorate.sql.catalog.SequenceInfo;
import io.quorate.sql.catalog.TableInfo;

/** pg_tables, pg_views, pg_indexes and pg_sequences. */
final class PgConvenienceViews {

  private PgConvenienceViews() {}

  static void register(SystemRelations.Registrar registrar) {
    registrar.add("pg_catalog", "pg_tables", PgConvenienceViews::pgTables);
    registrar.add("pg_catalog", "pg_views", PgConvenienceViews::pgViews);
    registrar.add("pg_catalog", "pg_indexes", PgConvenienceViews::pgIndexes);
    registrar.add("pg_catalog", "pg_sequences", PgConvenienceViews::pgSequences);
  }

  private static void pgTables(SystemContext context, SystemRelation.Rows rows) {
    for (RelationEntry relation : context.relations()) {
      if (relation.kind().equals("r")) {
        TableInfo table = relation.table();
        rows.add().set("schemaname", relation.schema()).set("tablename", relation.name())
            .set("tableowner", ownerName(context))
            .set("hasindexes", table != null && !table.allIndexes().isEmpty())
            .set("hasrules", false).set("hastriggers", table != null && context.hasTriggers(table))
            .set("rowsecurity", false);
      }
    }
  }

  private static void pgViews(SystemContext context, SystemRelation.Rows rows) {
    for (TableInfo table : context.catalog().tables()) {
      if (table.isView()) {
        rows.add().set("schemaname", table.schema()).set("viewname", table.name())
            .set("viewowner", ownerName(context)).set("definition", " " + table.viewSql() + ";");
      }
    }
  }

  private static void pgIndexes(SystemContext context, SystemRelation.Rows rows) {
    for (TableInfo table : context.catalog().tables()) {
      for (IndexInfo index : table.allIndexes()) {
        rows.add().set("schemaname", table.schema()).set("tablename", table.name()).set("indexname", index.name())
            .set("indexdef", IndexDefinitions.definition(table, index));
      }
    }
  }

  private static void pgSequences(SystemContext context, SystemRelation.Rows rows) {
    for (SequenceInfo sequence : context.catalog().sequences()) {
      rows.add().set("schemaname", sequence.schema()).set("sequencename", sequence.name())
          .set("sequenceowner", ownerName(context))
          .set("data_type", new io.quorate.sql.types.ObjectReference(20, "bigint"))
          .set("start_value", sequence.start()).set("min_value", sequence.minValue())
          .set("max_value", sequence.maxValue()).set("increment_by", sequence.increment())
          .set("cycle", sequence.cycle()).set("cache_size", 1L);
    }
  }

  /** Every object is owned by the bootstrap superuser. */
  static String ownerName(SystemContext context) {
    Role owner = context.role(Role.BOOTSTRAP_SUPERUSER_OID);
    return owner == null ? null : owner.name();
  }
}
