package io.quorate.sql.catalog.system;

import io.quorate.sql.catalog.IndexInfo;
import io.quorate.sql.catalog.Role;
import io.quorate.sql.catalog.SequenceInfo;
import io.quorate.sql.catalog.TableInfo;
import io.quorate.sql.types.SqlType;
import java.util.ArrayList;
import java.util.List;

/** pg_class, pg_attribute, pg_index, pg_attrdef and pg_sequence. */
final class PgClassRelations {

  private PgClassRelations() {}

  static void register(SystemRelations.Registrar registrar) {
    registrar.add("pg_catalog", "pg_class", PgClassRelations::pgClass);
    registrar.add("pg_catalog", "pg_attribute", PgClassRelations::pgAttribute);
    registrar.add("pg_catalog", "pg_index", PgClassRelations::pgIndex);
    registrar.add("pg_catalog", "pg_attrdef", PgClassRelations::pgAttrdef);
    registrar.add("pg_catalog", "pg_sequence", PgClassRelations::pgSequence);
  }

  /**
   * relhastriggers says whether PostgreSQL would have foreign-key triggers on the table
   * (pg_trigger itself is empty: they are internal there too). A b-tree index has a
   * metapage, so PostgreSQL reports relpages 1 for an empty one; pgjdbc passes it on.
   */
  private static void pgClass(SystemContext context, SystemRelation.Rows rows) {
    for (RelationEntry relation : context.relations()) {
      boolean stored = !relation.kind().equals("v");
      TableInfo table = relation.table();
      boolean isTable = relation.kind().equals("r") && table != null;
      rows.add()
          .set("oid", relation.oid())
          .set("relname", relation.name())
          .set("relnamespace", context.namespaceOid(relation.schema()))
          .set("relowner", Role.BOOTSTRAP_SUPERUSER_OID)
          .set("relam", relation.isIndex() ? ObjectIds.BTREE_ACCESS_METHOD
              : relation.kind().equals("r") ? ObjectIds.HEAP_ACCESS_METHOD : 0L)
          .set("relfilenode", stored ? relation.oid() : 0L)
          .set("relpages", relation.isIndex() ? 1L : 0L)
          .set("reltuples", relation.isIndex() ? 0f : -1f)
          .set("relhasindex", isTable && !table.allIndexes().isEmpty())
          .set("relpersistence", "p")
          .set("relkind", relation.kind())
          .set("relnatts", (long) relation.attributes().size())
          .set("relchecks", isTable ? (long) table.checks().size() : 0L)
          .set("relhasrules", relation.kind().equals("v"))
          .set("relhastriggers", isTable && context.hasTriggers(table))
          .set("relispopulated", true)
          .set("relreplident", relation.kind().equals("r") ? "d" : "n");
    }
  }

  private static void pgAttribute(SystemContext context, SystemRelation.Rows rows) {
    for (RelationEntry relation : context.relations()) {
      List<RelationEntry.Attribute> attributes = relation.attributes();
      for (int i = 0; i < attributes.size(); i++) {
        RelationEntry.Attribute attribute = attributes.get(i);
        SqlType type = attribute.type();
        PgTypes.TypeEntry entry = PgTypes.byOid(type.oid());
        rows.add()
            .set("attrelid", relation.oid())
            .set("attname", attribute.name())
            .set("atttypid", attribute.dropped() ? 0L : (long) type.oid())
            .set("attstattarget", -1L)
            .set("attlen", (long) PgTypes.length(type))
            .set("attnum", (long) i + 1)
            .set("attndims", type.isArray() ? 1L : 0L)
            .set("attcacheoff", -1L)
            .set("atttypmod", (long) type.typeModifier())
            .set("attbyval", entry != null && entry.byValue())
            .set("attalign", entry == null ? "i" : entry.align())
            .set("attstorage", entry == null ? "x" : entry.storage())
            .set("attcompression", "")
            .set("attnotnull", attribute.notNull())
            .set("atthasdef", attribute.defaultSql() != null)
            .set("attidentity", attribute.identity())
            .set("attgenerated", "")
            .set("attisdropped", attribute.dropped())
            .set("attislocal", true)
            .set("attcollation", entry == null ? 0L : entry.collation());
      }
    }
  }

  private static void pgIndex(SystemContext context, SystemRelation.Rows rows) {
    for (RelationEntry relation : context.relations()) {
      if (!relation.isIndex()) {
        continue;
      }
      IndexInfo index = relation.index();
      List<Long> keys = new ArrayList<>();
      List<Long> collations = new ArrayList<>();
      List<Long> classes = new ArrayList<>();
      List<Long> options = new ArrayList<>();
      for (int i = 0; i < index.columns().size(); i++) {
        keys.add((long) index.columns().get(i) + 1);
        PgTypes.TypeEntry type = PgTypes.byOid(relation.attributes().get(i).type().oid());
        collations.add(type == null ? 0L : type.collation());
        classes.add(0L);
        // bit 0 DESC, bit 1 NULLS FIRST: a descending b-tree column puts NULLs first, as ours does
        options.add(index.descending().get(i) ? 3L : 0L);
      }
      rows.add()
          .set("indexrelid", relation.oid())
          .set("indrelid", ObjectIds.relation(relation.table().id()))
          .set("indnatts", (long) keys.size())
          .set("indnkeyatts", (long) keys.size())
          .set("indisunique", index.unique() || index.isPrimary())
          .set("indisprimary", index.isPrimary())
          .set("indimmediate", true)
          .set("indisvalid", true)
          .set("indisready", true)
          .set("indislive", true)
          .set("indkey", List.copyOf(keys))
          .set("indcollation", List.copyOf(collations))
          .set("indclass", List.copyOf(classes))
          .set("indoption", List.copyOf(options));
    }
  }

  private static void pgAttrdef(SystemContext context, SystemRelation.Rows rows) {
    for (TableInfo table : context.catalog().tables()) {
      for (int i = 0; i < table.columns().size(); i++) {
        String defaultSql = table.columns().get(i).defaultSql();
        if (defaultSql != null && !table.columns().get(i).dropped()) {
          rows.add()
              .set("oid", ObjectIds.columnDefault(table.id(), i + 1))
              .set("adrelid", ObjectIds.relation(table.id()))
              .set("adnum", (long) i + 1)
              .set("adbin", context.defaultText(defaultSql));
        }
      }
    }
  }

  private static void pgSequence(SystemContext context, SystemRelation.Rows rows) {
    for (SequenceInfo sequence : context.catalog().sequences()) {
      rows.add()
          .set("seqrelid", ObjectIds.relation(sequence.id()))
          .set("seqtypid", (long) SqlType.BIGINT.oid())
          .set("seqstart", sequence.start())
          .set("seqincrement", sequence.increment())
          .set("seqmax", sequence.maxValue())
          .set("seqmin", sequence.minValue())
          .set("seqcache", 1L)
          .set("seqcycle", sequence.cycle());
    }
  }
}
