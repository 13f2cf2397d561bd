package io.quorate.sql.session;

import io.quorate.sql.catalog.Catalog;
import io.quorate.sql.catalog.SequenceInfo;
import io.quorate.sql.error.SqlException;
import io.quorate.sql.error.SqlState;
import io.quorate.sql.expression.EvaluationContext;
import java.util.Map;

/**
 * The session side of nextval/currval/setval and current_setting() for one statement:
 * sequences are looked up in the statement's catalog (or the transaction's own newer
 * one), currval remembers this session's last value per sequence.
 */
final class SessionServices implements EvaluationContext.Services {

  private final Session session;
  private final Catalog catalog;
  private final Map<Long, Long> currentValues;

  SessionServices(Session session, Catalog catalog, Map<Long, Long> currentValues) {
    this.session = session;
    this.catalog = catalog;
    this.currentValues = currentValues;
  }

  @Override
  public long nextval(String name) {
    SequenceInfo sequence = session.sequence(catalog, name);
    long value = session.sequences().next(sequence);
    currentValues.put(sequence.id(), value);
    return value;
  }

  @Override
  public long currval(String name) {
    SequenceInfo sequence = session.sequence(catalog, name);
    Long value = currentValues.get(sequence.id());
    if (value == null) {
      throw new SqlException(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE,
          "currval of sequence \"" + sequence.name() + "\" is not yet defined in this session");
    }
    return value;
  }

  @Override
  public long setval(String name, long value, boolean called) {
    SequenceInfo sequence = session.sequence(catalog, name);
    session.sequences().set(sequence, value, called);
    if (called) {
      currentValues.put(sequence.id(), value);
    }
    return value;
  }

  @Override
  public int backendPid() {
    return session.backendPid();
  }

  @Override
  public String setting(String name, boolean missingOk) {
    try {
      return session.currentSetting(name);
    } catch (SqlException unknown) {
      if (missingOk && unknown.state() == SqlState.UNDEFINED_OBJECT) {
        return null;
      }
      throw unknown;
    }
  }
}
