package io.quorate.driver;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/**
 * The columns of a result, from the types the node reported (PostgreSQL OIDs and type
 * modifiers). What the node does not report (the source table, nullability) is given as
 * unknown, as JDBC allows, never guessed.
 */
final class QuorateResultSetMetaData implements ResultSetMetaData {

  /** PostgreSQL numeric's type modifier: ((precision << 16) | scale) + 4. */
  private static final int VARHDRSZ = 4;

  private final List<ResultColumn> columns;

  QuorateResultSetMetaData(List<ResultColumn> columns) {
    this.columns = columns;
  }

  private ResultColumn column(int index) throws SQLException {
    if (index < 1 || index > columns.size()) {
      throw Errors.of("the column index " + index + " is out of range; the result has " + columns.size()
          + " columns", "22023");
    }
    return columns.get(index - 1);
  }

  private int oid(int index) throws SQLException {
    return column(index).typeOid();
  }

  @Override
  public int getColumnCount() {
    return columns.size();
  }

  @Override
  public String getColumnLabel(int index) throws SQLException {
    return column(index).name();
  }

  @Override
  public String getColumnName(int index) throws SQLException {
    return column(index).name();
  }

  @Override
  public int getColumnType(int index) throws SQLException {
    return switch (oid(index)) {
      case TextValues.BOOL -> Types.BOOLEAN;
      case TextValues.INT2 -> Types.SMALLINT;
      case TextValues.INT4 -> Types.INTEGER;
      case TextValues.INT8 -> Types.BIGINT;
      case TextValues.NUMERIC -> Types.NUMERIC;
      case TextValues.FLOAT4 -> Types.REAL;
      case TextValues.FLOAT8 -> Types.DOUBLE;
      case TextValues.TEXT, TextValues.VARCHAR -> Types.VARCHAR;
      case TextValues.BPCHAR -> Types.CHAR;
      case TextValues.BYTEA -> Types.BINARY;
      case TextValues.DATE -> Types.DATE;
      case TextValues.TIME -> Types.TIME;
      case TextValues.TIMESTAMP -> Types.TIMESTAMP;
      case TextValues.TIMESTAMPTZ -> Types.TIMESTAMP_WITH_TIMEZONE;
      default -> Types.OTHER;
    };
  }

  @Override
  public String getColumnTypeName(int index) throws SQLException {
    return TextValues.typeName(oid(index));
  }

  @Override
  public String getColumnClassName(int index) throws SQLException {
    return switch (oid(index)) {
      case TextValues.BOOL -> Boolean.class.getName();
      case TextValues.INT2, TextValues.INT4 -> Integer.class.getName();
      case TextValues.INT8 -> Long.class.getName();
      case TextValues.NUMERIC -> java.math.BigDecimal.class.getName();
      case TextValues.FLOAT4 -> Float.class.getName();
      case TextValues.FLOAT8 -> Double.class.getName();
      case TextValues.BYTEA -> byte[].class.getName();
      case TextValues.DATE -> java.sql.Date.class.getName();
      case TextValues.TIME -> java.sql.Time.class.getName();
      case TextValues.TIMESTAMP, TextValues.TIMESTAMPTZ -> java.sql.Timestamp.class.getName();
      case TextValues.UUID_OID -> java.util.UUID.class.getName();
      default -> String.class.getName();
    };
  }

  @Override
  public int getPrecision(int index) throws SQLException {
    int modifier = column(index).typeModifier();
    return switch (oid(index)) {
      case TextValues.INT2 -> 5;
      case TextValues.INT4 -> 10;
      case TextValues.INT8 -> 19;
      case TextValues.FLOAT4 -> 8;
      case TextValues.FLOAT8 -> 17;
      case TextValues.BOOL -> 1;
      case TextValues.NUMERIC -> modifier >= VARHDRSZ ? ((modifier - VARHDRSZ) >> 16) & 0xFFFF : 0;
      case TextValues.VARCHAR, TextValues.BPCHAR -> modifier >= VARHDRSZ ? modifier - VARHDRSZ : 0;
      case TextValues.DATE -> 13;
      case TextValues.TIME -> 15;
      case TextValues.TIMESTAMP -> 29;
      case TextValues.TIMESTAMPTZ -> 35;
      default -> 0;
    };
  }

  @Override
  public int getScale(int index) throws SQLException {
    int modifier = column(index).typeModifier();
    return switch (oid(index)) {
      case TextValues.NUMERIC -> modifier >= VARHDRSZ ? (modifier - VARHDRSZ) & 0xFFFF : 0;
      case TextValues.FLOAT4 -> 8;
      case TextValues.FLOAT8 -> 17;
      case TextValues.TIME, TextValues.TIMESTAMP, TextValues.TIMESTAMPTZ -> 6;
      default -> 0;
    };
  }

  @Override
  public int getColumnDisplaySize(int index) throws SQLException {
    int precision = getPrecision(index);
    return precision > 0 ? precision + (isSigned(index) ? 1 : 0) + (getScale(index) > 0 ? 1 : 0) : Integer.MAX_VALUE;
  }

  @Override
  public boolean isSigned(int index) throws SQLException {
    return switch (oid(index)) {
      case TextValues.INT2, TextValues.INT4, TextValues.INT8, TextValues.NUMERIC, TextValues.FLOAT4,
          TextValues.FLOAT8 -> true;
      default -> false;
    };
  }

  @Override
  public boolean isCaseSensitive(int index) throws SQLException {
    return switch (oid(index)) {
      case TextValues.TEXT, TextValues.VARCHAR, TextValues.BPCHAR, TextValues.JSON, TextValues.JSONB -> true;
      default -> false;
    };
  }

  @Override
  public int isNullable(int index) throws SQLException {
    column(index);
    return columnNullableUnknown;
  }

  @Override
  public boolean isAutoIncrement(int index) throws SQLException {
    column(index);
    return false;
  }

  @Override
  public boolean isSearchable(int index) throws SQLException {
    column(index);
    return true;
  }

  @Override
  public boolean isCurrency(int index) throws SQLException {
    column(index);
    return false;
  }

  @Override
  public String getSchemaName(int index) throws SQLException {
    column(index);
    return "";
  }

  @Override
  public String getTableName(int index) throws SQLException {
    column(index);
    return "";
  }

  @Override
  public String getCatalogName(int index) throws SQLException {
    column(index);
    return "";
  }

  @Override
  public boolean isReadOnly(int index) throws SQLException {
    column(index);
    return false;
  }

  @Override
  public boolean isWritable(int index) throws SQLException {
    column(index);
    return true;
  }

  @Override
  public boolean isDefinitelyWritable(int index) throws SQLException {
    column(index);
    return false;
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    return Errors.unwrap(this, type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return type.isInstance(this);
  }
}
