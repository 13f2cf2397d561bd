package io.quorate.sql.parser;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.quorate.sql.error.SqlException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Proves that whatever text arrives, the parser either returns statements or throws
 * {@link SqlException}: never another exception, which would reach users as an internal
 * error. Inputs are seeded mutations of valid statements and random token soups; the seed
 * is printed and every failure names it; rerun with {@code -Dquorate.seed=<seed>}.
 */
class ParserFuzzTest {

  private static final int INPUTS = 20_000;
  /**
   * Nesting is capped at 100: the parser has no depth limit yet, and with a 1 MB thread
   * stack it overflows from about 200 nested subqueries or 260 nested calls. Raise this to
   * 10_000 once deep nesting fails with 54001 "stack depth limit exceeded".
   */
  private static final int MAX_NESTING = 10_000;

  private static final String[] WORDS = {"select", "from", "where", "and", "or", "not", "in", "is", "null", "join",
      "on", "using", "group", "by", "order", "having", "limit", "offset", "union", "all", "distinct", "case", "when",
      "then", "else", "end", "cast", "as", "insert", "into", "values", "default", "update", "set", "delete", "create",
      "table", "index", "drop", "alter", "add", "column", "constraint", "primary", "key", "references", "check",
      "unique", "with", "recursive", "exists", "between", "like", "escape", "array", "over", "partition", "rows",
      "filter", "extract", "substring", "trim", "position", "interval", "date", "time", "zone", "at", "returning",
      "conflict", "do", "nothing", "copy", "stdin", "begin", "commit", "rollback", "savepoint", "explain", "prepare",
      "execute", "deallocate", "show", "reset", "transaction", "isolation", "level", "sequence", "view", "schema",
      "t", "a", "b", "\"Q\"", "1", "-2", "3.5", "1e9", "'s'", "E'\\n'", "$$d$$", "$1", "$0", "true", "int", "text"};
  private static final String[] SYMBOLS = {"(", ")", "[", "]", ",", ";", ".", ":", "::", "*", "+", "-", "/", "%",
      "^", "=", "<>", "<", ">=", "||", "->>", "@", "~", "!", "#", "&", "|", "?", "$", "'", "\"", "--", "/*", "*/"};

  private final long seed = Long.getLong("quorate.seed", System.nanoTime());
  private final Random random = new Random(seed);

  @Test
  void parserOnlyEverThrowsSqlException() throws IOException {
    System.out.println("ParserFuzzTest seed " + seed + " (rerun with -Dquorate.seed=" + seed + ")");
    List<List<String>> corpus = new ArrayList<>();
    for (String sql : ParserRoundTripTest.handWrittenStatements()) {
      corpus.add(tokenTexts(sql));
    }
    int accepted = 0;
    for (int i = 0; i < INPUTS; i++) {
      String input = switch (random.nextInt(10)) {
        case 0 -> tokenSoup();
        case 1 -> nested();
        case 2 -> truncated(String.join(" ", corpus.get(random.nextInt(corpus.size()))));
        case 3 -> withRandomCharacters(String.join(" ", corpus.get(random.nextInt(corpus.size()))));
        default -> String.join(" ", mutated(corpus.get(random.nextInt(corpus.size()))));
      };
      accepted += parses(input) ? 1 : 0;
    }
    System.out.println("ParserFuzzTest: " + accepted + " of " + INPUTS + " inputs parsed");
    assertTrue(accepted > 0 && accepted < INPUTS, "the inputs should be a mix of valid and invalid SQL");
  }

  private boolean parses(String input) {
    try {
      Parser.parse(input);
      return true;
    } catch (SqlException expected) {
      return false;
    } catch (Throwable e) {
      String shown = input.length() > 2_000 ? input.substring(0, 2_000) + "..." : input;
      fail("seed " + seed + ": " + e + " for input:\n" + shown, e);
      return false;
    }
  }

  /** The source text of each token of a statement the lexer accepts. */
  private static List<String> tokenTexts(String sql) {
    List<String> texts = new ArrayList<>();
    for (Token token : Lexer.tokenize(sql)) {
      if (token.kind() != TokenKind.END) {
        texts.add(token.sourceText(sql));
      }
    }
    return texts;
  }

  private List<String> mutated(List<String> tokens) {
    List<String> result = new ArrayList<>(tokens);
    int mutations = 1 + random.nextInt(3);
    for (int m = 0; m < mutations && !result.isEmpty(); m++) {
      int at = random.nextInt(result.size());
      switch (random.nextInt(6)) {
        case 0 -> result.remove(at);
        case 1 -> result.add(at, result.get(at));
        case 2 -> {
          int other = random.nextInt(result.size());
          String swapped = result.get(at);
          result.set(at, result.get(other));
          result.set(other, swapped);
        }
        case 3 -> result.add(at, randomToken());
        case 4 -> result.set(at, randomToken());
        default -> result.subList(at, result.size()).clear();
      }
    }
    return result;
  }

  private String randomToken() {
    return random.nextBoolean() ? WORDS[random.nextInt(WORDS.length)] : SYMBOLS[random.nextInt(SYMBOLS.length)];
  }

  private String tokenSoup() {
    StringBuilder soup = new StringBuilder();
    int length = 1 + random.nextInt(30);
    for (int i = 0; i < length; i++) {
      soup.append(randomToken()).append(random.nextInt(4) == 0 ? "" : " ");
    }
    return soup.toString();
  }

  /** Deep nesting of parentheses, brackets, unary minus, NOT, subqueries or CASE, balanced or not. */
  private String nested() {
    int depth = 1 + random.nextInt(MAX_NESTING);
    String[][] shapes = {{"(", ")"}, {"ARRAY[", "]"}, {"- ", ""}, {"NOT ", ""}, {"(SELECT ", ")"},
        {"CASE WHEN true THEN ", " END"}, {"f(", ")"}, {"a[", "]"}};
    String[] shape = shapes[random.nextInt(shapes.length)];
    int closing = random.nextInt(4) == 0 ? random.nextInt(depth + 1) : depth;
    return "SELECT " + shape[0].repeat(depth) + "1" + shape[1].repeat(closing);
  }

  private String truncated(String sql) {
    return sql.substring(0, random.nextInt(sql.length() + 1));
  }

  private String withRandomCharacters(String sql) {
    StringBuilder result = new StringBuilder(sql);
    int count = 1 + random.nextInt(3);
    for (int i = 0; i < count; i++) {
      int codePoint = switch (random.nextInt(4)) {
        case 0 -> random.nextInt(0x80);
        case 1 -> 0x80 + random.nextInt(0x780);
        case 2 -> 0x1F600 + random.nextInt(0x50);
        default -> random.nextInt(0xD800);
      };
      result.insert(random.nextInt(result.length() + 1), Character.toChars(codePoint));
    }
    return result.toString();
  }
}
