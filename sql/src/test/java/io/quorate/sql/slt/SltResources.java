package io.quorate.sql.slt;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Finds and reads {@code .test} files on the classpath. A directory is a {@code file:}
 * URL in a module's own test classes and a {@code jar:} URL when the files come from a
 * jar (the SQLite corpus, or this module's test-jar used by integration tests); both are
 * walked, and every classpath entry holding the directory contributes.
 */
final class SltResources {

  private static final String SUFFIX = ".test";

  private SltResources() {}

  /** Resource names ({@code dir/sub/x.test}) of the .test files under {@code directory}, sorted. */
  static List<String> list(ClassLoader loader, String directory) throws IOException {
    SortedSet<String> names = new TreeSet<>();
    Enumeration<URL> roots = loader.getResources(directory);
    while (roots.hasMoreElements()) {
      URL root = roots.nextElement();
      switch (root.getProtocol()) {
        case "file" -> addFromDirectory(root, directory, names);
        case "jar" -> addFromJar(root, directory, names);
        default -> throw new IOException("cannot list .test files at " + root);
      }
    }
    return List.copyOf(names);
  }

  /** The resource's text, read as UTF-8. */
  static String read(ClassLoader loader, String name) throws IOException {
    try (InputStream in = loader.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("no classpath resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static void addFromDirectory(URL root, String directory, SortedSet<String> names)
      throws IOException {
    Path base;
    try {
      base = Path.of(root.toURI());
    } catch (URISyntaxException e) {
      throw new IOException("bad classpath directory URL " + root, e);
    }
    try (Stream<Path> paths = Files.walk(base)) {
      paths.filter(Files::isRegularFile)
          .filter(path -> path.getFileName().toString().endsWith(SUFFIX))
          .map(path -> directory + "/" + base.relativize(path).toString().replace('\\', '/'))
          .forEach(names::add);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static void addFromJar(URL root, String directory, SortedSet<String> names)
      throws IOException {
    JarURLConnection connection = (JarURLConnection) root.openConnection();
    // A cached JarFile is shared with the class loader; closing it would break later reads.
    connection.setUseCaches(false);
    String prefix = directory.endsWith("/") ? directory : directory + "/";
    try (JarFile jar = connection.getJarFile()) {
      Enumeration<JarEntry> entries = jar.entries();
      while (entries.hasMoreElements()) {
        String name = entries.nextElement().getName();
        if (name.startsWith(prefix) && name.endsWith(SUFFIX)) {
          names.add(name);
        }
      }
    }
  }
}
