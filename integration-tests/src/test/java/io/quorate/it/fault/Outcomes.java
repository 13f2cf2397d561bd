package io.quorate.it.fault;

import java.sql.SQLException;
import java.util.Set;

/**
 * Judges a failed operation: did it certainly not happen (FAIL), or may it have (INFO)?
 * Guessing FAIL for something that happened would make the checkers report a false
 * violation, and guessing INFO hides nothing but weakens them, so only errors that
 * PostgreSQL and Quorate define as "nothing was done" count as FAIL.
 */
final class Outcomes {

  /**
   * SQLSTATEs after which a statement or transaction certainly did not commit:
   * serialization failure and deadlock (rolled back), lock not available, read-only
   * transaction (a standby refused the write), too many connections, and the classes of
   * data, integrity and syntax errors (22, 23, 42). 40003 (completion unknown), 57014
   * (cancelled, perhaps while the commit replicated), 57P01 (shut down mid-statement)
   * and connection failures (08) stay unknown.
   */
  private static final Set<String> CERTAIN_FAILURES = Set.of("40001", "40P01", "55P03", "25006", "53300");
  private static final Set<String> CERTAIN_FAILURE_CLASSES = Set.of("22", "23", "42");

  private Outcomes() {}

  static boolean certainlyFailed(SQLException e) {
    String state = e.getSQLState();
    if (state == null) {
      return false;
    }
    return CERTAIN_FAILURES.contains(state) || (state.length() == 5 && CERTAIN_FAILURE_CLASSES.contains(state.substring(0, 2)));
  }

  /**
   * Whether the client should replace its connection after {@code e}: it is broken
   * (class 08, 57P01 shutdown) or its node is no longer the primary (25006, 57P03), so
   * a new connection finds the one that is.
   */
  static boolean replaceConnection(SQLException e) {
    String state = e.getSQLState();
    return state == null || state.startsWith("08") || state.equals("57P01") || state.equals("25006")
        || state.equals("57P03");
  }

  /** A short description for the history: SQLSTATE and message. */
  static String describe(Throwable e) {
    String text = e instanceof SQLException s && s.getSQLState() != null ? s.getSQLState() + " " + e.getMessage()
        : e.getClass().getSimpleName() + ": " + e.getMessage();
    return text.length() > 160 ? text.substring(0, 160) + "..." : text;
  }
}
