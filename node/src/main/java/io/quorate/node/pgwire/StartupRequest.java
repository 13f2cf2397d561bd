package io.quorate.node.pgwire;

import io.quorate.sql.error.SqlException;
import io.quorate.sql.error.SqlState;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The start of a connection: SSLRequest and GSSENCRequest (answered 'N': no TLS yet),
 * then either a CancelRequest or a StartupMessage for protocol 3.0 with its parameters.
 */
record StartupRequest(String user, String database, Map<String, String> parameters, int cancelProcessId,
    int cancelSecretKey) {

  private static final int PROTOCOL_3_0 = 196_608;
  private static final int SSL_REQUEST = 80_877_103;
  private static final int GSSENC_REQUEST = 80_877_104;
  private static final int CANCEL_REQUEST = 80_877_102;

  boolean isCancel() {
    return user == null;
  }

  /** Reads packets until a StartupMessage or CancelRequest; FATAL SqlException for anything else. */
  static StartupRequest read(MessageReader in, OutputStream out) throws IOException {
    while (true) {
      MessageBody packet = in.readStartupPacket();
      int code = packet.readInt32();
      switch (code) {
        case SSL_REQUEST, GSSENC_REQUEST -> {
          out.write('N');
          out.flush();
        }
        case CANCEL_REQUEST -> {
          return new StartupRequest(null, null, Map.of(), packet.readInt32(), packet.readInt32());
        }
        case PROTOCOL_3_0 -> {
          return startup(packet);
        }
        default -> throw new SqlException(SqlState.PROTOCOL_VIOLATION, "unsupported frontend protocol "
            + (code >>> 16) + "." + (code & 0xFFFF) + ": server supports 3.0 to 3.0").fatal();
      }
    }
  }

  private static StartupRequest startup(MessageBody packet) {
    Map<String, String> parameters = new LinkedHashMap<>();
    while (true) {
      String name = packet.readCString();
      if (name.isEmpty()) {
        break;
      }
      parameters.put(name, packet.readCString());
    }
    String user = parameters.remove("user");
    if (user == null || user.isEmpty()) {
      throw new SqlException(SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
          "no PostgreSQL user name specified in startup packet").fatal();
    }
    String database = parameters.remove("database");
    if (database == null || database.isEmpty()) {
      database = user; // as PostgreSQL does
    }
    String options = parameters.remove("options");
    if (options != null) {
      parameters.putAll(commandLineOptions(options));
    }
    return new StartupRequest(user, database, parameters, 0, 0);
  }

  /**
   * The settings in the {@code options} parameter: {@code -c name=value} and
   * {@code --name=value}, separated by spaces (a backslash keeps the next character).
   */
  static Map<String, String> commandLineOptions(String options) {
    Map<String, String> settings = new LinkedHashMap<>();
    String[] words = splitWords(options);
    for (int i = 0; i < words.length; i++) {
      String word = words[i];
      String setting;
      if (word.equals("-c") && i + 1 < words.length) {
        setting = words[++i];
      } else if (word.startsWith("-c")) {
        setting = word.substring(2);
      } else if (word.startsWith("--")) {
        setting = word.substring(2);
      } else {
        throw new SqlException(SqlState.PROTOCOL_VIOLATION, "invalid command-line argument for server process: "
            + word).withHint("Try \"postgres --help\" for more information.").fatal();
      }
      int equals = setting.indexOf('=');
      if (equals <= 0) {
        throw new SqlException(SqlState.SYNTAX_ERROR, "parameter \"" + setting + "\" requires a value").fatal();
      }
      settings.put(setting.substring(0, equals).replace('-', '_'), setting.substring(equals + 1));
    }
    return settings;
  }

  private static String[] splitWords(String text) {
    java.util.List<String> words = new java.util.ArrayList<>();
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length()) {
        word.append(text.charAt(++i));
      } else if (Character.isWhitespace(c)) {
        if (!word.isEmpty()) {
          words.add(word.toString());
          word.setLength(0);
        }
      } else {
        word.append(c);
      }
    }
    if (!word.isEmpty()) {
      words.add(word.toString());
    }
    return words.toArray(String[]::new);
  }
}
