package io.quorate.sql.parser;

import java.lang.reflect.Constructor;
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
    RecordComponent[] components = node.getClass().getRecordComponents();
    Object[] values = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      RecordComponent component = components[i];
      types[i] = component.getType();
      if (component.getType() == int.class && component.getName().equals("position")) {
        values[i] = 0;
      } else if (SOURCE_TEXTS.contains(component.getName())) {
        values[i] = null;
      } else {
        values[i] = normalize(read(component, node));
      }
    }
    try {
      Constructor<?> constructor = node.getClass().getDeclaredConstructor(types);
      constructor.setAccessible(true);
      return constructor.newInstance(values);
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
      for (RecordComponent component : record.getClass().getRecordComponents()) {
        visit(read(component, record), visitor);
      }
    }
  }

  private static Object read(RecordComponent component, Object record) {
    try {
      component.getAccessor().setAccessible(true);
      return component.getAccessor().invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read " + component, e);
    }
  }
}
