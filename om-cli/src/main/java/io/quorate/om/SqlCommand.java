package io.quorate.om;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import com.beust.jcommander.converters.IParameterSplitter;
import io.quorate.driver.CommandTagged;
import io.quorate.driver.SqlText;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * {@code om sql}: SQL through Quorate's own JDBC driver, so a machine without psql can
 * query and change the cluster. Interactive with line editing and history when stdin is
 * a terminal; otherwise it runs the statements of --command, --file or stdin and stops at
 * the first error (exit status 1). The driver follows the primary through failovers.
 */
@Parameters(commandDescription = "Run SQL through Quorate's driver: an interactive shell, or the statements of"
    + " --command, --file or standard input")
final class SqlCommand implements OmCommand {

  private static final String HELP = """
      \\q            quit
      \\timing       show how long each statement takes (on/off)
      \\status       the cluster: every node's role and state (as om status)
      \\?            this help
      Statements end with a semicolon; they may span lines.
      """;

  @Parameter(names = {"--help", "-h"}, help = true, description = "Print this command's help")
  boolean help;

  @ParametersDelegate
  final Target target = new Target();

  @Parameter(names = {"--user", "-U"}, description = "The user to log in as (default: the cluster file's superuser,"
      + " else quorate)")
  String user;

  @Parameter(names = "--password-file", description = "A file holding the password (default: the cluster file's"
      + " superuser-password-file, else $PGPASSWORD, else asked for)")
  Path passwordFile;

  @Parameter(names = "--database", description = "The database")
  String database = "quorate";

  @Parameter(names = "--command", description = "Run these statements and exit (repeatable)",
      splitter = WholeValue.class)
  List<String> commands = new ArrayList<>();

  /** Keeps a --command value whole: SQL is full of commas. */
  public static final class WholeValue implements IParameterSplitter {
    @Override
    public List<String> split(String value) {
      return List.of(value);
    }
  }

  @Parameter(names = {"--file", "-f"}, description = "Run the statements of this file and exit")
  Path file;

  @Parameter(names = {"--tuples-only", "-t"}, description = "Print rows only, values separated by |, and no"
      + " command tags (as psql -At)")
  boolean tuplesOnly;

  private boolean timing;

  @Override
  public String name() {
    return "sql";
  }

  @Override
  public boolean help() {
    return help;
  }

  @Override
  public int run(PrintStream out, PrintStream err) throws Exception {
    try (target) {
      boolean interactive = commands.isEmpty() && file == null && System.console() != null;
      try (Terminal terminal = interactive ? TerminalBuilder.builder().system(true).build() : null;
          Connection connection = connect(terminal)) {
        if (!commands.isEmpty()) {
          for (String command : commands) {
            if (!runScript(connection, command, out, err)) {
              return 1;
            }
          }
          return 0;
        }
        if (file != null) {
          String script;
          try {
            script = Files.readString(file, StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw OmException.failed("cannot read " + file + ": " + e.getMessage());
          }
          return runScript(connection, script, out, err) ? 0 : 1;
        }
        return interactive ? shell(terminal, connection) : runStdin(connection, out, err);
      }
    }
  }

  private Connection connect(Terminal terminal) {
    ClusterFile cluster = target.clusterFileOrNull();
    String login = user != null ? user : cluster != null ? cluster.superuser() : "quorate";
    Properties properties = new Properties();
    properties.setProperty("user", login);
    String password = password(cluster, terminal, login);
    if (password != null) {
      properties.setProperty("password", password);
    }
    properties.setProperty("applicationName", "om sql");
    String url = "jdbc:quorate://" + String.join(",", target.seeds()) + "/" + database;
    try {
      return DriverManager.getConnection(url, properties);
    } catch (SQLException e) {
      throw OmException.failed("cannot connect to " + String.join(",", target.seeds()) + ": " + e.getMessage()
          + " (SQLSTATE " + e.getSQLState() + ")");
    }
  }

  private String password(ClusterFile cluster, Terminal terminal, String login) {
    Path from = passwordFile != null ? passwordFile
        : cluster != null && user == null ? cluster.superuserPasswordFile() : null;
    if (from != null) {
      try {
        return Files.readString(from, StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw OmException.failed("cannot read the password file " + from + ": " + e.getMessage());
      }
    }
    String environment = System.getenv("PGPASSWORD");
    if (environment != null) {
      return environment;
    }
    if (terminal != null) {
      LineReader reader = LineReaderBuilder.builder().terminal(terminal).build();
      return reader.readLine("Password for user " + login + ": ", '*');
    }
    return null;
  }

  /** Runs every statement of {@code script}; false after the first error, which is reported. */
  private boolean runScript(Connection connection, String script, PrintStream out, PrintStream err) {
    SqlText.Split split = SqlText.split(script);
    List<String> statements = new ArrayList<>(split.statements());
    if (split.restHasContent()) {
      statements.add(split.rest().strip());
    }
    for (String statement : statements) {
      if (!runStatement(connection, statement, out, err)) {
        return false;
      }
    }
    return true;
  }

  private int runStdin(Connection connection, PrintStream out, PrintStream err) throws IOException {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    StringBuilder script = new StringBuilder();
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      script.append(line).append('\n');
    }
    return runScript(connection, script.toString(), out, err) ? 0 : 1;
  }

  private int shell(Terminal terminal, Connection connection) {
    Path history = Path.of(System.getProperty("user.home"), ".quorate_history");
    DefaultParser lines = new DefaultParser(); // lines as typed: SQL's quotes and backslashes are not the shell's
    lines.setEscapeChars(null);
    lines.setQuoteChars(new char[0]);
    LineReader reader = LineReaderBuilder.builder().terminal(terminal).appName("om sql").parser(lines)
        .variable(LineReader.HISTORY_FILE, history)
        .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
        .build();
    PrintStream out = new PrintStream(terminal.output(), true, StandardCharsets.UTF_8);
    out.println("om sql: Quorate's SQL shell (driver " + driverVersion() + "). Type \\? for help.");
    StringBuilder buffer = new StringBuilder();
    while (true) {
      String line;
      try {
        line = reader.readLine(database + (buffer.isEmpty() ? "=> " : "-> "));
      } catch (UserInterruptException interrupted) {
        buffer.setLength(0); // Ctrl-C drops the statement being typed, as in psql
        continue;
      } catch (EndOfFileException eof) {
        return 0;
      }
      if (buffer.isEmpty() && line.strip().startsWith("\\")) {
        if (!metaCommand(line.strip(), out)) {
          return 0;
        }
        continue;
      }
      buffer.append(line).append('\n');
      SqlText.Split split = SqlText.split(buffer.toString());
      for (String statement : split.statements()) {
        runStatement(connection, statement, out, out);
      }
      buffer.setLength(0);
      if (split.restHasContent()) {
        buffer.append(split.rest());
      }
    }
  }

  /** Handles a backslash command; false to quit. */
  private boolean metaCommand(String command, PrintStream out) {
    String[] words = command.split("\\s+");
    switch (words[0]) {
      case "\\q" -> {
        return false;
      }
      case "\\timing" -> {
        timing = words.length > 1 ? words[1].equalsIgnoreCase("on") : !timing;
        out.println("Timing is " + (timing ? "on." : "off."));
      }
      case "\\status" -> {
        try {
          out.print(StatusCommand.text(StatusCommand.report(target), false));
        } catch (RuntimeException e) {
          out.println("cannot get the cluster's status: " + e.getMessage());
        }
      }
      case "\\?" -> out.print(HELP);
      default -> out.println("invalid command " + words[0] + "; try \\? for help");
    }
    return true;
  }

  /** Runs one statement and prints its result; false after an error, which is printed. */
  private boolean runStatement(Connection connection, String sql, PrintStream out, PrintStream err) {
    long start = System.nanoTime();
    try (Statement statement = connection.createStatement()) {
      boolean rows = statement.execute(sql);
      while (true) {
        if (rows) {
          try (ResultSet result = statement.getResultSet()) {
            out.print(tuplesOnly ? ResultTable.tuplesOnly(result) : ResultTable.format(result));
          }
        } else if (statement.getUpdateCount() < 0) {
          break;
        } else if (!tuplesOnly) {
          out.println(statement.unwrap(CommandTagged.class).commandTag());
        }
        printWarnings(statement.getWarnings(), err);
        rows = statement.getMoreResults();
        if (!rows && statement.getUpdateCount() < 0) {
          break;
        }
      }
      if (timing) {
        out.printf("Time: %.3f ms%n", (System.nanoTime() - start) / 1e6);
      }
      return true;
    } catch (SQLException e) {
      err.println(e.getMessage().startsWith("ERROR:") ? e.getMessage() : "ERROR: " + e.getMessage());
      if (e.getSQLState() != null && !e.getMessage().contains("SQLSTATE")) {
        err.println("  SQLSTATE: " + e.getSQLState());
      }
      return false;
    }
  }

  private static void printWarnings(SQLWarning warning, PrintStream err) {
    for (SQLWarning w = warning; w != null; w = w.getNextWarning()) {
      err.println(w.getMessage());
    }
  }

  private static String driverVersion() {
    try {
      java.sql.Driver driver = DriverManager.getDriver("jdbc:quorate://x");
      return driver.getMajorVersion() + "." + driver.getMinorVersion();
    } catch (SQLException e) {
      return "?";
    }
  }
}
