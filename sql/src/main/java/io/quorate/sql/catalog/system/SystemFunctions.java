package io.quorate.sql.catalog.system;

import io.quorate.sql.ast.QualifiedName;
import io.quorate.sql.catalog.Role;
import io.quorate.sql.error.SqlException;
import io.quorate.sql.error.SqlState;
import io.quorate.sql.expression.BoundExpression;
import io.quorate.sql.expression.ScalarFunction;
import io.quorate.sql.parser.Parser;
import io.quorate.sql.types.Casts;
import io.quorate.sql.types.ObjectReference;
import io.quorate.sql.types.SqlType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The functions that read the catalog — pg_get_indexdef, pg_table_is_visible,
 * format_type, current_schemas, ... — and conversions to the object-reference types.
 * They are bound against the statement's {@link SystemContext}, whose snapshot the plan
 * is kept for, so they need nothing from the session at run time.
 */
public final class SystemFunctions {

  /** Functions that answer "yes" because the engine has no privileges yet. */
  private static final Set<String> PRIVILEGE_CHECKS = Set.of("has_table_privilege", "has_schema_privilege",
      "has_database_privilege", "has_column_privilege", "has_any_column_privilege", "has_sequence_privilege",
      "has_function_privilege", "pg_has_role");

  /** Comments and features the engine does not have: always NULL. */
  private static final Set<String> ALWAYS_NULL = Set.of("obj_description", "col_description",
      "shobj_description", "pg_get_statisticsobjdef_columns", "pg_get_triggerdef");

  private SystemFunctions() {}

  /**
   * The call of catalog function {@code name} over bound {@code arguments}, or null if
   * {@code name} is not one; 42883 when the arguments do not fit.
   */
  public static BoundExpression bind(String name, List<BoundExpression> arguments, SystemContext context) {
    if (PRIVILEGE_CHECKS.contains(name)) {
      return call(name, arguments, SqlType.BOOLEAN, (a, c) -> true);
    }
    if (ALWAYS_NULL.contains(name)) {
      return call(name, arguments, SqlType.TEXT, (a, c) -> null);
    }
    return switch (name) {
      case "pg_table_is_visible" -> oidCall(name, arguments, 1, SqlType.BOOLEAN, (a, c) -> {
        RelationEntry relation = context.relation(oid(a[0]));
        return relation == null ? null : context.isVisible(relation);
      });
      case "pg_type_is_visible" -> oidCall(name, arguments, 1, SqlType.BOOLEAN,
          (a, c) -> PgTypes.byOid(oid(a[0])) == null ? null : true);
      case "pg_get_userbyid" -> oidCall(name, arguments, 1, SqlType.TEXT, (a, c) -> {
        Role role = context.role(oid(a[0]));
        return role == null ? "unknown (OID=" + oid(a[0]) + ")" : role.name();
      });
      case "pg_get_indexdef" -> oidCall(name, arguments, arguments.size() == 3 ? 3 : 1, SqlType.TEXT,
          (a, c) -> indexDefinition(context, oid(a[0]), a.length > 1 ? ((Number) a[1]).intValue() : 0));
      case "pg_get_constraintdef" -> oidCall(name, arguments, arguments.size() == 2 ? 2 : 1, SqlType.TEXT,
          (a, c) -> {
            Constraints.Entry entry = Constraints.find(context, oid(a[0]));
            boolean pretty = a.length > 1 && Boolean.TRUE.equals(a[1]);
            return entry == null ? null : Constraints.definition(context, entry, pretty);
          });
      case "pg_get_expr" -> {
        requireCount(name, arguments, 2, 3);
        // expressions are kept as the SQL text they were written in, which is what this prints
        yield call(name, arguments, SqlType.TEXT, (a, c) -> a[0] == null ? null : a[0].toString());
      }
      case "format_type" -> {
        requireCount(name, arguments, 2, 2);
        yield new BoundExpression.Call(name, (a, c) -> a[0] == null ? null
            : PgTypes.format(oid(a[0]), a[1] == null ? null : ((Number) a[1]).longValue()), false, false,
            List.copyOf(arguments), SqlType.TEXT);
      }
      case "pg_encoding_to_char" -> oidCall(name, arguments, 1, SqlType.TEXT,
          (a, c) -> oid(a[0]) == 6 ? "UTF8" : oid(a[0]) == 0 ? "SQL_ASCII" : "");
      case "pg_relation_is_publishable" -> call(name, arguments, SqlType.BOOLEAN, (a, c) -> false);
      case "current_schemas" -> {
        requireCount(name, arguments, 1, 1);
        yield call(name, arguments, SqlType.arrayOf(SqlType.TEXT), (a, c) -> currentSchemas(context, (Boolean) a[0]));
      }
      default -> null;
    };
  }

  /**
   * A conversion of {@code value} to object-reference {@code type}: names are looked up
   * (42P01/42704 when missing, as PostgreSQL reports), OIDs get the name they print as.
   */
  public static BoundExpression objectReference(BoundExpression value, SqlType type, SystemContext context) {
    boolean fromText = value.type().isString() || value.type().kind() == SqlType.Kind.UNKNOWN;
    ScalarFunction convert = (a, c) -> fromText ? byName(a[0].toString().strip(), type, context)
        : byOid(oid(a[0]), type, context);
    return new BoundExpression.Call(type.pgName(), convert, true, false, List.of(value), type);
  }

  private static ObjectReference byName(String text, SqlType type, SystemContext context) {
    if (text.matches("\\d+")) {
      return byOid(Long.parseLong(text), type, context);
    }
    switch (type.kind()) {
      case REGCLASS -> {
        QualifiedName name = Parser.parseQualifiedName(text);
        RelationEntry relation = context.findRelation(name);
        if (relation == null) {
          throw SqlException.undefinedTable(name.toString());
        }
        return new ObjectReference(relation.oid(), context.relationText(relation));
      }
      case REGTYPE -> {
        PgTypes.TypeEntry entry = PgTypes.byName(text.startsWith("pg_catalog.") ? text.substring(11) : text);
        if (entry == null) {
          throw new SqlException(SqlState.UNDEFINED_OBJECT, "type \"" + text + "\" does not exist");
        }
        return new ObjectReference(entry.oid(), entry.displayName());
      }
      case REGNAMESPACE -> {
        long oid = context.namespaceOid(text);
        if (oid == 0) {
          throw new SqlException(SqlState.UNDEFINED_OBJECT, "schema \"" + text + "\" does not exist");
        }
        return new ObjectReference(oid, SystemContext.quoteIfNeeded(text));
      }
      case REGROLE -> {
        Role role = context.catalog().role(text);
        if (role == null) {
          throw new SqlException(SqlState.UNDEFINED_OBJECT, "role \"" + text + "\" does not exist");
        }
        return new ObjectReference(role.oid(), SystemContext.quoteIfNeeded(text));
      }
      default -> {
        String procedure = text.startsWith("pg_catalog.") ? text.substring(11) : text;
        for (PgTypes.TypeEntry entry : PgTypes.all()) {
          if (entry.input().equals(procedure)) {
            return new ObjectReference(procedure.equals("array_in") ? PgTypes.ARRAY_IN : 0, procedure);
          }
        }
        throw new SqlException(SqlState.UNDEFINED_FUNCTION, "function \"" + text + "\" does not exist");
      }
    }
  }

  /** An OID that names nothing prints as the number, as PostgreSQL's output functions do. */
  private static ObjectReference byOid(long oid, SqlType type, SystemContext context) {
    String text = switch (type.kind()) {
      case REGCLASS -> {
        RelationEntry relation = context.relation(oid);
        yield relation == null ? null : context.relationText(relation);
      }
      case REGTYPE -> {
        PgTypes.TypeEntry entry = PgTypes.byOid(oid);
        yield entry == null ? null : entry.displayName();
      }
      case REGNAMESPACE -> context.namespaceName(oid);
      case REGROLE -> {
        Role role = context.role(oid);
        yield role == null ? null : role.name();
      }
      default -> oid == 0 ? "-" : null;
    };
    return new ObjectReference(oid, text == null ? Long.toString(oid) : text);
  }

  private static String indexDefinition(SystemContext context, long oid, int column) {
    RelationEntry relation = context.relation(oid);
    if (relation == null || !relation.isIndex()) {
      return null;
    }
    return column == 0 ? IndexDefinitions.definition(relation.table(), relation.index())
        : IndexDefinitions.column(relation.table(), relation.index(), column);
  }

  private static List<String> currentSchemas(SystemContext context, boolean includeImplicit) {
    List<String> schemas = new ArrayList<>();
    for (String schema : context.effectiveSearchPath()) {
      if (includeImplicit || !schema.equals("pg_catalog") || context.searchPathNames().contains("pg_catalog")) {
        schemas.add(schema);
      }
    }
    return List.copyOf(schemas);
  }

  static long oid(Object value) {
    return ((Number) value).longValue();
  }

  /** A strict call whose first {@code count} arguments are OIDs or integers. */
  private static BoundExpression oidCall(String name, List<BoundExpression> arguments, int count, SqlType result,
      ScalarFunction function) {
    requireCount(name, arguments, count, count);
    for (int i = 0; i < arguments.size(); i++) {
      SqlType type = arguments.get(i).type();
      boolean fits = type.isInteger() || type.isObjectReference() || type.kind() == SqlType.Kind.UNKNOWN
          || type.kind() == SqlType.Kind.BOOLEAN;
      if (!fits) {
        throw SqlException.undefinedFunction(name + "(" + type.pgName() + ")");
      }
    }
    List<BoundExpression> coerced = new ArrayList<>();
    for (BoundExpression argument : arguments) {
      coerced.add(argument.type().kind() == SqlType.Kind.UNKNOWN && argument instanceof BoundExpression.Constant c
          ? new BoundExpression.Constant(c.value() == null ? null
              : Casts.parse(c.value().toString(), SqlType.BIGINT, null), SqlType.BIGINT)
          : argument);
    }
    return new BoundExpression.Call(name, function, true, false, List.copyOf(coerced), result);
  }

  private static BoundExpression call(String name, List<BoundExpression> arguments, SqlType result,
      ScalarFunction function) {
    return new BoundExpression.Call(name, function, false, false, List.copyOf(arguments), result);
  }

  private static void requireCount(String name, List<BoundExpression> arguments, int min, int max) {
    if (arguments.size() < min || arguments.size() > max) {
      throw SqlException.undefinedFunction(name + " with " + arguments.size() + " arguments");
    }
  }
}
