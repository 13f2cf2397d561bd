package io.quorate.sql.expression;

/**
 * The implementation of a function or operator over already evaluated arguments. A
 * strict function (most are) is not called when an argument is NULL: the result is NULL.
 */
@FunctionalInterface
public interface ScalarFunction {

  Object apply(Object[] arguments, EvaluationContext context);

  /**
   * A function of exactly two arguments that takes them one by one, so that a call
   * evaluated once per row (the operators of a scan's filter) allocates no argument array.
   */
  @FunctionalInterface
  interface Binary extends ScalarFunction {

    Object apply(Object left, Object right, EvaluationContext context);

    @Override
    default Object apply(Object[] arguments, EvaluationContext context) {
      return apply(arguments[0], arguments[1], context);
    }
  }
}
