package io.quorate.sql.error;

import java.util.HashMap;
import java.util.Map;

/**
 * PostgreSQL's SQLSTATE codes that Quorate reports, with PostgreSQL's condition names
 * (Appendix A of the PostgreSQL manual). The wire protocol sends {@link #code()}
 * unchanged, so clients and their retry logic see what PostgreSQL would send.
 */
public enum SqlState {
  SUCCESSFUL_COMPLETION("00000", "successful_completion"),
  WARNING("01000", "warning"),
  FEATURE_NOT_SUPPORTED("0A000", "feature_not_supported"),
  CONNECTION_FAILURE("08006", "connection_failure"),
  PROTOCOL_VIOLATION("08P01", "protocol_violation"),
  CARDINALITY_VIOLATION("21000", "cardinality_violation"),
  STRING_DATA_RIGHT_TRUNCATION("22001", "string_data_right_truncation"),
  NUMERIC_VALUE_OUT_OF_RANGE("22003", "numeric_value_out_of_range"),
  INVALID_DATETIME_FORMAT("22007", "invalid_datetime_format"),
  DATETIME_FIELD_OVERFLOW("22008", "datetime_field_overflow"),
  INVALID_TIME_ZONE_DISPLACEMENT_VALUE("22009", "invalid_time_zone_displacement_value"),
  INTERVAL_FIELD_OVERFLOW("22015", "interval_field_overflow"),
  DIVISION_BY_ZERO("22012", "division_by_zero"),
  CHARACTER_NOT_IN_REPERTOIRE("22021", "character_not_in_repertoire"),
  INVALID_ARGUMENT_FOR_LOG("2201E", "invalid_argument_for_logarithm"),
  INVALID_ARGUMENT_FOR_POWER_FUNCTION("2201F", "invalid_argument_for_power_function"),
  INVALID_PARAMETER_VALUE("22023", "invalid_parameter_value"),
  INVALID_ROW_COUNT_IN_LIMIT("2201W", "invalid_row_count_in_limit_clause"),
  INVALID_ARGUMENT_FOR_NTILE("22014", "invalid_argument_for_ntile_function"),
  INVALID_ROW_COUNT_IN_RESULT_OFFSET("2201X", "invalid_row_count_in_result_offset_clause"),
  SUBSTRING_ERROR("22011", "substring_error"),
  INVALID_REGULAR_EXPRESSION("2201B", "invalid_regular_expression"),
  INVALID_ESCAPE_SEQUENCE("22025", "invalid_escape_sequence"),
  ARRAY_SUBSCRIPT_ERROR("2202E", "array_subscript_error"),
  NULL_VALUE_NOT_ALLOWED("22004", "null_value_not_allowed"),
  INVALID_TEXT_REPRESENTATION("22P02", "invalid_text_representation"),
  INVALID_BINARY_REPRESENTATION("22P03", "invalid_binary_representation"),
  BAD_COPY_FILE_FORMAT("22P04", "bad_copy_file_format"),
  UNTRANSLATABLE_CHARACTER("22P05", "untranslatable_character"),
  NOT_NULL_VIOLATION("23502", "not_null_violation"),
  FOREIGN_KEY_VIOLATION("23503", "foreign_key_violation"),
  UNIQUE_VIOLATION("23505", "unique_violation"),
  CHECK_VIOLATION("23514", "check_violation"),
  INVALID_TRANSACTION_STATE("25000", "invalid_transaction_state"),
  ACTIVE_SQL_TRANSACTION("25001", "active_sql_transaction"),
  READ_ONLY_SQL_TRANSACTION("25006", "read_only_sql_transaction"),
  NO_ACTIVE_SQL_TRANSACTION("25P01", "no_active_sql_transaction"),
  IN_FAILED_SQL_TRANSACTION("25P02", "in_failed_sql_transaction"),
  IDLE_IN_TRANSACTION_SESSION_TIMEOUT("25P03", "idle_in_transaction_session_timeout"),
  INVALID_SQL_STATEMENT_NAME("26000", "invalid_sql_statement_name"),
  INVALID_AUTHORIZATION_SPECIFICATION("28000", "invalid_authorization_specification"),
  INVALID_PASSWORD("28P01", "invalid_password"),
  DEPENDENT_OBJECTS_STILL_EXIST("2BP01", "dependent_objects_still_exist"),
  INVALID_CURSOR_NAME("34000", "invalid_cursor_name"),
  INVALID_SAVEPOINT_SPECIFICATION("3B001", "invalid_savepoint_specification"),
  INVALID_CATALOG_NAME("3D000", "invalid_catalog_name"),
  INVALID_SCHEMA_NAME("3F000", "invalid_schema_name"),
  SERIALIZATION_FAILURE("40001", "serialization_failure"),
  STATEMENT_COMPLETION_UNKNOWN("40003", "statement_completion_unknown"),
  DEADLOCK_DETECTED("40P01", "deadlock_detected"),
  GENERATED_ALWAYS("428C9", "generated_always"),
  INSUFFICIENT_PRIVILEGE("42501", "insufficient_privilege"),
  SYNTAX_ERROR("42601", "syntax_error"),
  INVALID_NAME("42602", "invalid_name"),
  INVALID_COLUMN_DEFINITION("42611", "invalid_column_definition"),
  NAME_TOO_LONG("42622", "name_too_long"),
  DUPLICATE_COLUMN("42701", "duplicate_column"),
  AMBIGUOUS_COLUMN("42702", "ambiguous_column"),
  UNDEFINED_COLUMN("42703", "undefined_column"),
  UNDEFINED_OBJECT("42704", "undefined_object"),
  DUPLICATE_OBJECT("42710", "duplicate_object"),
  DUPLICATE_ALIAS("42712", "duplicate_alias"),
  DUPLICATE_FUNCTION("42723", "duplicate_function"),
  AMBIGUOUS_FUNCTION("42725", "ambiguous_function"),
  GROUPING_ERROR("42803", "grouping_error"),
  WINDOWING_ERROR("42P20", "windowing_error"),
  DATATYPE_MISMATCH("42804", "datatype_mismatch"),
  WRONG_OBJECT_TYPE("42809", "wrong_object_type"),
  INVALID_FOREIGN_KEY("42830", "invalid_foreign_key"),
  CANNOT_COERCE("42846", "cannot_coerce"),
  UNDEFINED_FUNCTION("42883", "undefined_function"),
  UNDEFINED_TABLE("42P01", "undefined_table"),
  UNDEFINED_PARAMETER("42P02", "undefined_parameter"),
  DUPLICATE_DATABASE("42P04", "duplicate_database"),
  DUPLICATE_PREPARED_STATEMENT("42P05", "duplicate_prepared_statement"),
  DUPLICATE_SCHEMA("42P06", "duplicate_schema"),
  DUPLICATE_TABLE("42P07", "duplicate_table"),
  DUPLICATE_CURSOR("42P03", "duplicate_cursor"),
  INVALID_COLUMN_REFERENCE("42P10", "invalid_column_reference"),
  INVALID_TABLE_DEFINITION("42P16", "invalid_table_definition"),
  INDETERMINATE_DATATYPE("42P18", "indeterminate_datatype"),
  INSUFFICIENT_RESOURCES("53000", "insufficient_resources"),
  DISK_FULL("53100", "disk_full"),
  OUT_OF_MEMORY("53200", "out_of_memory"),
  TOO_MANY_CONNECTIONS("53300", "too_many_connections"),
  PROGRAM_LIMIT_EXCEEDED("54000", "program_limit_exceeded"),
  STATEMENT_TOO_COMPLEX("54001", "statement_too_complex"),
  SEQUENCE_GENERATOR_LIMIT_EXCEEDED("2200H", "sequence_generator_limit_exceeded"),
  OBJECT_NOT_IN_PREREQUISITE_STATE("55000", "object_not_in_prerequisite_state"),
  OBJECT_IN_USE("55006", "object_in_use"),
  LOCK_NOT_AVAILABLE("55P03", "lock_not_available"),
  CANT_CHANGE_RUNTIME_PARAM("55P02", "cant_change_runtime_param"),
  QUERY_CANCELED("57014", "query_canceled"),
  ADMIN_SHUTDOWN("57P01", "admin_shutdown"),
  CANNOT_CONNECT_NOW("57P03", "cannot_connect_now"),
  SYSTEM_ERROR("58000", "system_error"),
  IO_ERROR("58030", "io_error"),
  INTERNAL_ERROR("XX000", "internal_error");

  private static final Map<String, SqlState> BY_CODE = new HashMap<>();

  static {
    for (SqlState state : values()) {
      BY_CODE.put(state.code, state);
    }
  }

  private final String code;
  private final String conditionName;

  SqlState(String code, String conditionName) {
    this.code = code;
    this.conditionName = conditionName;
  }

  /** The five-character SQLSTATE. */
  public String code() {
    return code;
  }

  /** PostgreSQL's name for the condition, as PL/pgSQL uses it. */
  public String conditionName() {
    return conditionName;
  }

  /** The two-character class, e.g. {@code 23} for integrity constraint violations. */
  public String errorClass() {
    return code.substring(0, 2);
  }

  /** The state with this code, or null if Quorate does not use it. */
  public static SqlState fromCode(String code) {
    return BY_CODE.get(code);
  }
}
