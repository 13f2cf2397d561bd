package io.quorate.sql.parser;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Rebuilds syntax trees without what printing cannot preserve: every record component
 * {@code int position} becomes 0 and the kept source texts ({@code sourceText},
 * {@code queryText}, {@code checkText}) become null. Works on any tree of records and
 * lists, so new node kinds need no change here.
 */
final class TreeNormalizer {

  private static final Set<String> SOURCE_TEXTS = Set.of("sourceText", "queryText", "checkText");

  /** A record class's components, accessors and canonical constructor, looked up once. */
  private record Shape(RecordComponent[] components, Method[] accessors, Constructor<?> constructor) {}

  private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
    @Override
    protected Shape computeValue(Class<?> type) {
      RecordComponent[] components = type.getRecordComponents();
      Method[] accessors = new Method[components.length];
      Class<?>[] types = new Class<?>[components.length];
      for (int i = 0; i < components.length; i++) {
        accessors[i] = components[i].getAccessor();
        accessors[i].setAccessible(true);
        types[i] = components[i].getType();
      }
      try {
        Constructor<?> constructor = type.getDeclaredConstructor(types);
        constructor.setAccessible(true);
        return new Shape(components, accessors, constructor);
      } catch (NoSuchMethodException e) {
        throw new IllegalStateException("no canonical constructor in " + type.getName(), e);
      }
    }
  };

  private TreeNormalizer() {}

  static Object normalize(Object node) {
    if (node instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      for (Object element : list) {
        copy.add(normalize(element));
      }
      return Collections.unmodifiableList(copy);
    }
    if (node == null || !node.getClass().isRecord()) {
      return node;
    }
    Shape shape = SHAPES.get(node.getClass());
    Object[] values = new Object[shape.components().length];
    for (int i = 0; i < values.length; i++) {
      RecordComponent component = shape.components()[i];
      if (component.getType() == int.class && component.getName().equals("position")) {
        values[i] = 0;
      } else if (SOURCE_TEXTS.contains(component.getName())) {
        values[i] = null;
      } else {
        values[i] = normalize(read(shape.accessors()[i], node));
      }
    }
    try {
      return shape.constructor().newInstance(values);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot rebuild " + node.getClass().getName(), e);
    }
  }

  /** Calls {@code visitor} on every record in the tree, parents first. */
  static void visit(Object node, Consumer<Record> visitor) {
    if (node instanceof List<?> list) {
      list.forEach(element -> visit(element, visitor));
    } else if (node instanceof Record record) {
      visitor.accept(record);
      for (Method accessor : SHAPES.get(record.getClass()).accessors()) {
        visit(read(accessor, record), visitor);
      }
    }
  }

  private static Object read(Method accessor, Object record) {
    try {
      return accessor.invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read " + accessor, e);
    }
  }
}
