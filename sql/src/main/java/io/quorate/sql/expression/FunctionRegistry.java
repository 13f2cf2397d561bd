package io.quorate.sql.expression;

import io.quorate.sql.error.SqlException;
import io.quorate.sql.types.Casts;
import io.quorate.sql.types.SqlType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The built-in scalar functions and how a call picks one: an overload whose parameter
 * types the arguments match exactly (untyped literals match anything) wins; otherwise
 * the overload reachable by implicit casts that uses the most preferred types (double
 * precision for numbers, text for strings), as PostgreSQL's resolution does. No match
 * is 42883 with PostgreSQL's hint.
 */
public final class FunctionRegistry {

  /** One overload. {@code parameters} null means variadic over {@code variadicType}. */
  public record Signature(String name, List<SqlType> parameters, SqlType variadicType, SqlType result,
      ScalarFunction function, boolean strict, boolean volatileResult) {}

  /** A resolved call: the overload and the types its arguments must be cast to. */
  public record Resolved(Signature signature, List<SqlType> argumentTypes) {}

  private static final Map<String, List<Signature>> FUNCTIONS = new HashMap<>();

  static {
    StringFunctions.register();
    MathFunctions.register();
    DateTimeBuiltins.register();
    MiscFunctions.register();
  }

  private FunctionRegistry() {}

  static void add(String name, List<SqlType> parameters, SqlType result, ScalarFunction function) {
    add(new Signature(name, parameters, null, result, function, true, false));
  }

  static void add(Signature signature) {
    FUNCTIONS.computeIfAbsent(signature.name(), n -> new ArrayList<>()).add(signature);
  }

  public static boolean exists(String name) {
    return FUNCTIONS.containsKey(name);
  }

  /** The overload of {@code name} for {@code argumentTypes}; 42883 if none applies. */
  public static Resolved resolve(String name, List<SqlType> argumentTypes) {
    List<Signature> candidates = FUNCTIONS.getOrDefault(name, List.of());
    Resolved best = null;
    int bestScore = -1;
    for (Signature candidate : candidates) {
      List<SqlType> targets = targets(candidate, argumentTypes.size());
      if (targets == null) {
        continue;
      }
      int score = score(argumentTypes, targets);
      if (score > bestScore) {
        best = new Resolved(candidate, targets);
        bestScore = score;
      }
    }
    if (best == null) {
      throw SqlException.undefinedFunction(name + "(" + argumentTypes.stream()
          .map(FunctionRegistry::displayName).collect(Collectors.joining(", ")) + ")");
    }
    return best;
  }

  private static String displayName(SqlType type) {
    return type.base().pgName();
  }

  private static List<SqlType> targets(Signature candidate, int count) {
    if (candidate.parameters() != null) {
      return candidate.parameters().size() == count ? candidate.parameters() : null;
    }
    List<SqlType> targets = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      targets.add(candidate.variadicType());
    }
    return targets;
  }

  /**
   * How well arguments fit: -1 if some argument cannot be cast implicitly; otherwise a
   * higher score for exact matches, then for preferred types.
   */
  private static int score(List<SqlType> arguments, List<SqlType> targets) {
    int score = 0;
    for (int i = 0; i < arguments.size(); i++) {
      SqlType argument = arguments.get(i);
      SqlType target = targets.get(i);
      if (target == null) {
        score += 100; // "any"
      } else if (argument.base().equals(target.base())) {
        score += 1000;
      } else if (argument.kind() == SqlType.Kind.UNKNOWN) {
        score += target.isString() ? 500 : 400;
      } else if (Casts.allowed(argument, target, Casts.Context.IMPLICIT)) {
        score += target.kind() == SqlType.Kind.DOUBLE || target.kind() == SqlType.Kind.TEXT ? 50 : 10;
      } else {
        return -1;
      }
    }
    return score;
  }
}
