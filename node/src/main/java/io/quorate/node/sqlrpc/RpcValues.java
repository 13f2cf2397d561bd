package io.quorate.node.sqlrpc;

import com.google.protobuf.ByteString;
import io.quorate.protocol.v1.Column;
import io.quorate.protocol.v1.Value;
import io.quorate.sql.error.SqlException;
import io.quorate.sql.error.SqlState;
import io.quorate.sql.session.StatementResult;
import io.quorate.sql.types.Bytes;
import io.quorate.sql.types.Casts;
import io.quorate.sql.types.SqlType;
import io.quorate.sql.types.TextFormat;
import java.time.ZoneId;

/**
 * Engine values to and from the protocol's {@link Value}: integers, booleans and bytea
 * natively, everything else in PostgreSQL's text format (what psql shows), converted by
 * the engine's own output and input functions.
 */
final class RpcValues {

  private static final Value NULL = Value.newBuilder().setNull(true).build();
  private static final int TEXT_OID = SqlType.TEXT.oid();

  private RpcValues() {}

  static Value encode(Object value, SqlType type, ZoneId zone) {
    if (value == null) {
      return NULL;
    }
    return switch (type.kind()) {
      case SMALLINT, INTEGER, BIGINT -> Value.newBuilder().setInteger((Long) value).build();
      case BOOLEAN -> Value.newBuilder().setBoolean((Boolean) value).build();
      case BYTEA -> Value.newBuilder().setBytea(ByteString.copyFrom(((Bytes) value).toByteArray())).build();
      default -> Value.newBuilder().setText(TextFormat.format(value, type, zone)).build();
    };
  }

  static Column column(StatementResult.Column column) {
    SqlType type = column.type();
    boolean unknown = type.kind() == SqlType.Kind.UNKNOWN;
    return Column.newBuilder()
        .setName(column.name())
        .setTypeOid(unknown ? TEXT_OID : type.oid())
        .setTypeModifier(type.typeModifier())
        .setTypeName(unknown ? "text" : type.toString())
        .build();
  }

  /** Parameter {@code index} (0-based) as a value of {@code type}; 22P02 and the like for a bad one. */
  static Object decode(Value value, SqlType type, ZoneId zone, int index) {
    return switch (value.getKindCase()) {
      case NULL, KIND_NOT_SET -> null;
      case INTEGER -> Casts.convert(value.getInteger(), SqlType.BIGINT, type, true, zone);
      case BOOLEAN -> Casts.convert(value.getBoolean(), SqlType.BOOLEAN, type, true, zone);
      case TEXT -> Casts.parse(value.getText(), type, zone);
      case BYTEA -> {
        if (type.kind() != SqlType.Kind.BYTEA) {
          throw new SqlException(SqlState.DATATYPE_MISMATCH, "parameter $" + (index + 1) + " is of type " + type
              + " but a bytea value was sent");
        }
        yield Bytes.wrap(value.getBytea().toByteArray());
      }
    };
  }
}
