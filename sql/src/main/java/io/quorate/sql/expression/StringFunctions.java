package io.quorate.sql.expression;

import static io.quorate.sql.expression.FunctionRegistry.add;

import io.quorate.sql.error.SqlException;
import io.quorate.sql.error.SqlState;
import io.quorate.sql.types.Bytes;
import io.quorate.sql.types.SqlType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;

/** String functions, counting characters as code points like PostgreSQL in UTF-8. */
final class StringFunctions {

  private static final SqlType TEXT = SqlType.TEXT;
  private static final SqlType INT = SqlType.INTEGER;

  private StringFunctions() {}

  static void register() {
    add("length", List.of(TEXT), INT, (a, c) -> (long) codePoints(s(a[0])));
    add("length", List.of(SqlType.BYTEA), INT, (a, c) -> (long) ((Bytes) a[0]).length());
    add("char_length", List.of(TEXT), INT, (a, c) -> (long) codePoints(s(a[0])));
    add("character_length", List.of(TEXT), INT, (a, c) -> (long) codePoints(s(a[0])));
    add("octet_length", List.of(TEXT), INT, (a, c) -> (long) s(a[0]).getBytes(StandardCharsets.UTF_8).length);
    add("lower", List.of(TEXT), TEXT, (a, c) -> mapCase(s(a[0]), false));
    add("upper", List.of(TEXT), TEXT, (a, c) -> mapCase(s(a[0]), true));
    add("initcap", List.of(TEXT), TEXT, (a, c) -> initcap(s(a[0])));
    add("substring", List.of(TEXT, INT), TEXT, (a, c) -> substring(s(a[0]), l(a[1]), Long.MAX_VALUE / 4));
    add("substring", List.of(TEXT, INT, INT), TEXT, (a, c) -> substring(s(a[0]), l(a[1]), l(a[2])));
    add("substr", List.of(TEXT, INT), TEXT, (a, c) -> substring(s(a[0]), l(a[1]), Long.MAX_VALUE / 4));
    add("substr", List.of(TEXT, INT, INT), TEXT, (a, c) -> substring(s(a[0]), l(a[1]), l(a[2])));
    add("position", List.of(TEXT, TEXT), INT, (a, c) -> position(s(a[1]), s(a[0])));
    add("strpos", List.of(TEXT, TEXT), INT, (a, c) -> position(s(a[0]), s(a[1])));
    add("btrim", List.of(TEXT), TEXT, (a, c) -> trim(s(a[0]), " ", true, true));
    add("btrim", List.of(TEXT, TEXT), TEXT, (a, c) -> trim(s(a[0]), s(a[1]), true, true));
    add("ltrim", List.of(TEXT), TEXT, (a, c) -> trim(s(a[0]), " ", true, false));
    add("ltrim", List.of(TEXT, TEXT), TEXT, (a, c) -> trim(s(a[0]), s(a[1]), true, false));
    add("rtrim", List.of(TEXT), TEXT, (a, c) -> trim(s(a[0]), " ", false, true));
    add("rtrim", List.of(TEXT, TEXT), TEXT, (a, c) -> trim(s(a[0]), s(a[1]), false, true));
    add("replace", List.of(TEXT, TEXT, TEXT), TEXT,
        (a, c) -> s(a[1]).isEmpty() ? s(a[0]) : s(a[0]).replace(s(a[1]), s(a[2])));
    add("left", List.of(TEXT, INT), TEXT, (a, c) -> left(s(a[0]), l(a[1])));
    add("right", List.of(TEXT, INT), TEXT, (a, c) -> right(s(a[0]), l(a[1])));
    add("repeat", List.of(TEXT, INT), TEXT, (a, c) -> repeat(s(a[0]), l(a[1])));
    add("reverse", List.of(TEXT), TEXT, (a, c) -> new StringBuilder(s(a[0])).reverse().toString());
    add("lpad", List.of(TEXT, INT), TEXT, (a, c) -> pad(s(a[0]), l(a[1]), " ", true));
    add("lpad", List.of(TEXT, INT, TEXT), TEXT, (a, c) -> pad(s(a[0]), l(a[1]), s(a[2]), true));
    add("rpad", List.of(TEXT, INT), TEXT, (a, c) -> pad(s(a[0]), l(a[1]), " ", false));
    add("rpad", List.of(TEXT, INT, TEXT), TEXT, (a, c) -> pad(s(a[0]), l(a[1]), s(a[2]), false));
    add("split_part", List.of(TEXT, TEXT, INT), TEXT, (a, c) -> splitPart(s(a[0]), s(a[1]), l(a[2])));
    add("md5", List.of(TEXT), TEXT, (a, c) -> md5(s(a[0]).getBytes(StandardCharsets.UTF_8)));
    add("md5", List.of(SqlType.BYTEA), TEXT, (a, c) -> md5(((Bytes) a[0]).toByteArray()));
    add("ascii", List.of(TEXT), INT, (a, c) -> s(a[0]).isEmpty() ? 0L : (long) s(a[0]).codePointAt(0));
    add("chr", List.of(INT), TEXT, (a, c) -> chr(l(a[0])));
    add("starts_with", List.of(TEXT, TEXT), SqlType.BOOLEAN, (a, c) -> s(a[0]).startsWith(s(a[1])));
    add("quote_ident", List.of(TEXT), TEXT, (a, c) -> "\"" + s(a[0]).replace("\"", "\"\"") + "\"");
    add("quote_literal", List.of(TEXT), TEXT, (a, c) -> "'" + s(a[0]).replace("'", "''") + "'");
    add("translate", List.of(TEXT, TEXT, TEXT), TEXT, (a, c) -> translate(s(a[0]), s(a[1]), s(a[2])));
    add("to_hex", List.of(SqlType.BIGINT), TEXT, (a, c) -> Long.toHexString(l(a[0])));
    add("octet_length", List.of(SqlType.BYTEA), INT, (a, c) -> (long) ((Bytes) a[0]).length());
    add("get_byte", List.of(SqlType.BYTEA, INT), INT, (a, c) -> getByte((Bytes) a[0], l(a[1])));
    add("encode", List.of(SqlType.BYTEA, TEXT), TEXT, (a, c) -> encode((Bytes) a[0], s(a[1])));
    add("decode", List.of(TEXT, TEXT), SqlType.BYTEA, (a, c) -> decode(s(a[0]), s(a[1])));
    add("to_hex", List.of(INT), TEXT, (a, c) -> Integer.toHexString((int) l(a[0])));
  }

  /** Character-by-character case mapping: never expands (PostgreSQL keeps ß as ß in upper()). */
  private static String mapCase(String text, boolean upper) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(cp -> out.appendCodePoint(upper ? Character.toUpperCase(cp)
        : Character.toLowerCase(cp)));
    return out.toString();
  }

  private static long getByte(Bytes bytes, long index) {
    if (index < 0 || index >= bytes.length()) {
      throw new SqlException(SqlState.ARRAY_SUBSCRIPT_ERROR, "index " + index + " out of valid range, 0.."
          + (bytes.length() - 1));
    }
    return bytes.byteAt((int) index) & 0xFF;
  }

  private static String encode(Bytes bytes, String format) {
    return switch (format.toLowerCase(Locale.ROOT)) {
      case "hex" -> bytes.toString().substring(2);
      case "base64" -> java.util.Base64.getMimeEncoder(76, new byte[] {'\n'}).encodeToString(bytes.toByteArray());
      default -> throw new SqlException(SqlState.INVALID_PARAMETER_VALUE,
          "unrecognized encoding: \"" + format + "\"");
    };
  }

  private static Bytes decode(String text, String format) {
    return switch (format.toLowerCase(Locale.ROOT)) {
      case "hex" -> (Bytes) io.quorate.sql.types.Casts.parse("\\x" + text, SqlType.BYTEA, java.time.ZoneOffset.UTC);
      case "base64" -> {
        try {
          yield Bytes.wrap(java.util.Base64.getMimeDecoder().decode(text));
        } catch (IllegalArgumentException invalid) {
          throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "invalid symbol found while decoding base64 sequence");
        }
      }
      default -> throw new SqlException(SqlState.INVALID_PARAMETER_VALUE,
          "unrecognized encoding: \"" + format + "\"");
    };
  }

  static String s(Object value) {
    return (String) value;
  }

  static long l(Object value) {
    return ((Number) value).longValue();
  }

  static int codePoints(String text) {
    return text.codePointCount(0, text.length());
  }

  /** PostgreSQL's substring: 1-based start, which may be before the string's start. */
  static String substring(String text, long start, long length) {
    if (length < 0) {
      throw new SqlException(SqlState.SUBSTRING_ERROR, "negative substring length not allowed");
    }
    long from = Math.max(start, 1);
    long to = start + length; // exclusive, 1-based
    int count = codePoints(text);
    if (from > count || to <= from) {
      return "";
    }
    int begin = text.offsetByCodePoints(0, (int) (from - 1));
    int end = to - 1 >= count ? text.length() : text.offsetByCodePoints(0, (int) (to - 1));
    return text.substring(begin, end);
  }

  private static long position(String haystack, String needle) {
    int at = haystack.indexOf(needle);
    return at < 0 ? 0 : haystack.codePointCount(0, at) + 1;
  }

  private static String trim(String text, String characters, boolean leading, boolean trailing) {
    int start = 0;
    int end = text.length();
    while (leading && start < end && characters.indexOf(text.charAt(start)) >= 0) {
      start++;
    }
    while (trailing && end > start && characters.indexOf(text.charAt(end - 1)) >= 0) {
      end--;
    }
    return text.substring(start, end);
  }

  private static String left(String text, long n) {
    int count = codePoints(text);
    long keep = n >= 0 ? Math.min(n, count) : Math.max(0, count + n);
    return text.substring(0, text.offsetByCodePoints(0, (int) keep));
  }

  private static String right(String text, long n) {
    int count = codePoints(text);
    long keep = n >= 0 ? Math.min(n, count) : Math.max(0, count + n);
    return text.substring(text.offsetByCodePoints(0, (int) (count - keep)));
  }

  private static String repeat(String text, long times) {
    if (times <= 0) {
      return "";
    }
    if (text.length() * times > 1_073_741_823L) {
      throw new SqlException(SqlState.PROGRAM_LIMIT_EXCEEDED, "requested length too large");
    }
    return text.repeat((int) times);
  }

  private static String pad(String text, long length, String fill, boolean leftSide) {
    int count = codePoints(text);
    if (length <= count) {
      return left(text, Math.max(length, 0));
    }
    if (fill.isEmpty()) {
      return text;
    }
    if (length > 1_073_741_823L) {
      throw new SqlException(SqlState.PROGRAM_LIMIT_EXCEEDED, "requested length too large");
    }
    long needed = length - count;
    String padding = fill.repeat((int) Math.min(Integer.MAX_VALUE, needed / codePoints(fill) + 1));
    String cut = left(padding, needed);
    return leftSide ? cut + text : text + cut;
  }

  private static String splitPart(String text, String delimiter, long field) {
    if (field == 0) {
      throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "field position must not be zero");
    }
    if (delimiter.isEmpty()) {
      return field == 1 || field == -1 ? text : "";
    }
    List<String> parts = List.of(text.split(java.util.regex.Pattern.quote(delimiter), -1));
    long index = field > 0 ? field - 1 : parts.size() + field;
    return index >= 0 && index < parts.size() ? parts.get((int) index) : "";
  }

  private static String initcap(String text) {
    StringBuilder out = new StringBuilder(text.length());
    boolean startOfWord = true;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      out.append(startOfWord ? Character.toUpperCase(c) : Character.toLowerCase(c));
      startOfWord = !Character.isLetterOrDigit(c);
    }
    return out.toString();
  }

  private static String md5(byte[] bytes) {
    try {
      byte[] digest = MessageDigest.getInstance("MD5").digest(bytes);
      return Bytes.wrap(digest).toString().substring(2);
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  private static String chr(long code) {
    if (code <= 0 || code > Character.MAX_CODE_POINT) {
      throw new SqlException(SqlState.PROGRAM_LIMIT_EXCEEDED, code == 0
          ? "null character not permitted" : "requested character too large for encoding: " + code);
    }
    return new String(Character.toChars((int) code));
  }

  private static String translate(String text, String from, String to) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      int at = from.indexOf(text.charAt(i));
      if (at < 0) {
        out.append(text.charAt(i));
      } else if (at < to.length()) {
        out.append(to.charAt(at));
      }
    }
    return out.toString();
  }
}
