package io.quorate.sql.expression;

/**
 * The implementation of a function or operator over already evaluated arguments. A
 * strict function (most are) is not called when an argument is NULL: the result is NULL.
 */
@FunctionalInterface
public interface ScalarFunction {

  Object apply(Object[] arguments, EvaluationContext context);
}
