package io.quorate.sql.catalog;

import io.quorate.sql.ast.Statement.ForeignKeyAction;
import io.quorate.sql.error.SqlException;
import io.quorate.sql.types.SqlType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The stored form of catalog objects: a format version byte, then fields in a fixed
 * order. Enums and types are written by name, so reordering them in code keeps old
 * catalogs readable. Version 1 is the only version so far.
 */
final class CatalogCodec {

  private static final int FORMAT_VERSION = 1;

  private CatalogCodec() {}

  static byte[] encodeTable(TableInfo table) {
    return write(out -> {
      out.writeLong(table.id());
      out.writeUTF(table.schema());
      out.writeUTF(table.name());
      out.writeInt(table.columns().size());
      for (ColumnInfo column : table.columns()) {
        out.writeUTF(column.name());
        writeType(out, column.type());
        out.writeBoolean(column.notNull());
        writeNullable(out, column.defaultSql());
        out.writeUTF(column.identity().name());
        out.writeBoolean(column.dropped());
      }
      out.writeBoolean(table.primaryKey() != null);
      if (table.primaryKey() != null) {
        writeIndex(out, table.primaryKey());
      }
      out.writeInt(table.secondaryIndexes().size());
      for (IndexInfo index : table.secondaryIndexes()) {
        writeIndex(out, index);
      }
      out.writeInt(table.checks().size());
      for (CheckInfo check : table.checks()) {
        out.writeUTF(check.name());
        out.writeUTF(check.conditionSql());
      }
      out.writeInt(table.foreignKeys().size());
      for (ForeignKeyInfo key : table.foreignKeys()) {
        out.writeUTF(key.name());
        writeInts(out, key.columns());
        out.writeLong(key.referencedTableId());
        writeInts(out, key.referencedColumns());
        out.writeUTF(key.onDelete().name());
        out.writeUTF(key.onUpdate().name());
      }
      out.writeInt(table.rowVersion());
      writeNullable(out, table.viewSql());
      out.writeInt(table.viewColumnNames().size());
      for (String name : table.viewColumnNames()) {
        out.writeUTF(name);
      }
    });
  }

  static TableInfo decodeTable(byte[] bytes) {
    return read(bytes, in -> {
      long id = in.readLong();
      String schema = in.readUTF();
      String name = in.readUTF();
      List<ColumnInfo> columns = new ArrayList<>();
      for (int i = in.readInt(); i > 0; i--) {
        columns.add(new ColumnInfo(in.readUTF(), readType(in), in.readBoolean(), readNullable(in),
            ColumnInfo.Identity.valueOf(in.readUTF()), in.readBoolean()));
      }
      IndexInfo primaryKey = in.readBoolean() ? readIndex(in) : null;
      List<IndexInfo> secondary = new ArrayList<>();
      for (int i = in.readInt(); i > 0; i--) {
        secondary.add(readIndex(in));
      }
      List<CheckInfo> checks = new ArrayList<>();
      for (int i = in.readInt(); i > 0; i--) {
        checks.add(new CheckInfo(in.readUTF(), in.readUTF()));
      }
      List<ForeignKeyInfo> foreignKeys = new ArrayList<>();
      for (int i = in.readInt(); i > 0; i--) {
        foreignKeys.add(new ForeignKeyInfo(in.readUTF(), readInts(in), in.readLong(), readInts(in),
            ForeignKeyAction.valueOf(in.readUTF()), ForeignKeyAction.valueOf(in.readUTF())));
      }
      int rowVersion = in.readInt();
      String viewSql = readNullable(in);
      List<String> viewColumns = new ArrayList<>();
      for (int i = in.readInt(); i > 0; i--) {
        viewColumns.add(in.readUTF());
      }
      return new TableInfo(id, schema, name, List.copyOf(columns), primaryKey, List.copyOf(secondary),
          List.copyOf(checks), List.copyOf(foreignKeys), rowVersion, viewSql, List.copyOf(viewColumns));
    });
  }

  static byte[] encodeSequence(SequenceInfo sequence) {
    return write(out -> {
      out.writeLong(sequence.id());
      out.writeUTF(sequence.schema());
      out.writeUTF(sequence.name());
      out.writeLong(sequence.increment());
      out.writeLong(sequence.minValue());
      out.writeLong(sequence.maxValue());
      out.writeLong(sequence.start());
      out.writeBoolean(sequence.cycle());
    });
  }

  static SequenceInfo decodeSequence(byte[] bytes) {
    return read(bytes, in -> new SequenceInfo(in.readLong(), in.readUTF(), in.readUTF(), in.readLong(),
        in.readLong(), in.readLong(), in.readLong(), in.readBoolean()));
  }

  static byte[] encodeSchema(SchemaInfo schema) {
    return write(out -> {
      out.writeUTF(schema.name());
      out.writeLong(schema.id());
    });
  }

  static SchemaInfo decodeSchema(byte[] bytes) {
    return read(bytes, in -> new SchemaInfo(in.readUTF(), in.readLong()));
  }

  static byte[] encodeRole(Role role) {
    return write(out -> {
      out.writeLong(role.oid());
      out.writeUTF(role.name());
      out.writeBoolean(role.canLogin());
      out.writeBoolean(role.superuser());
      writeNullable(out, role.passwordVerifier());
    });
  }

  static Role decodeRole(byte[] bytes) {
    return read(bytes, in -> new Role(in.readLong(), in.readUTF(), in.readBoolean(), in.readBoolean(),
        readNullable(in)));
  }

  static byte[] encodeDatabaseSetting(DatabaseSetting setting) {
    return write(out -> {
      out.writeUTF(setting.name());
      out.writeUTF(setting.value());
    });
  }

  static DatabaseSetting decodeDatabaseSetting(byte[] bytes) {
    return read(bytes, in -> new DatabaseSetting(in.readUTF(), in.readUTF()));
  }

  private static void writeIndex(DataOutputStream out, IndexInfo index) throws IOException {
    out.writeInt(index.id());
    out.writeUTF(index.name());
    out.writeBoolean(index.unique());
    writeInts(out, index.columns());
    out.writeInt(index.descending().size());
    for (boolean descending : index.descending()) {
      out.writeBoolean(descending);
    }
    writeNullable(out, index.constraintName());
  }

  private static IndexInfo readIndex(DataInputStream in) throws IOException {
    int id = in.readInt();
    String name = in.readUTF();
    boolean unique = in.readBoolean();
    List<Integer> columns = readInts(in);
    List<Boolean> descending = new ArrayList<>();
    for (int i = in.readInt(); i > 0; i--) {
      descending.add(in.readBoolean());
    }
    return new IndexInfo(id, name, unique, columns, List.copyOf(descending), readNullable(in));
  }

  private static void writeType(DataOutputStream out, SqlType type) throws IOException {
    out.writeUTF(type.kind().name());
    out.writeInt(type.precision());
    out.writeInt(type.scale());
    if (type.isArray()) {
      writeType(out, type.element());
    }
  }

  private static SqlType readType(DataInputStream in) throws IOException {
    SqlType.Kind kind = SqlType.Kind.valueOf(in.readUTF());
    int precision = in.readInt();
    int scale = in.readInt();
    return switch (kind) {
      case ARRAY -> SqlType.arrayOf(readType(in));
      case VARCHAR -> SqlType.varchar(precision);
      case CHAR -> SqlType.character(precision);
      case NUMERIC -> SqlType.numeric(precision, scale);
      default -> io.quorate.sql.types.TypeNames.resolve(kind.pgName(), List.of(), 0);
    };
  }

  private static void writeInts(DataOutputStream out, List<Integer> values) throws IOException {
    out.writeInt(values.size());
    for (int value : values) {
      out.writeInt(value);
    }
  }

  private static List<Integer> readInts(DataInputStream in) throws IOException {
    List<Integer> values = new ArrayList<>();
    for (int i = in.readInt(); i > 0; i--) {
      values.add(in.readInt());
    }
    return List.copyOf(values);
  }

  private static void writeNullable(DataOutputStream out, String value) throws IOException {
    out.writeBoolean(value != null);
    if (value != null) {
      out.writeUTF(value);
    }
  }

  private static String readNullable(DataInputStream in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }

  private interface Writer {
    void write(DataOutputStream out) throws IOException;
  }

  private interface Reader<T> {
    T read(DataInputStream in) throws IOException;
  }

  private static byte[] write(Writer writer) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT_VERSION);
      writer.write(out);
    } catch (IOException impossible) {
      throw new IllegalStateException(impossible);
    }
    return bytes.toByteArray();
  }

  private static <T> T read(byte[] bytes, Reader<T> reader) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      int version = in.readUnsignedByte();
      if (version != FORMAT_VERSION) {
        throw SqlException.internal("catalog entry has unknown format version " + version, null);
      }
      return reader.read(in);
    } catch (IOException | IllegalArgumentException corrupt) {
      throw SqlException.internal("corrupt catalog entry", corrupt);
    }
  }
}
