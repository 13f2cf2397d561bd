package io.quorate.sql.slt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The corpus suite's file selections exist in the corpus jar and mean what they say. */
class SqliteCorpusSelectionTest {

  private final ClassLoader loader = getClass().getClassLoader();

  @Test
  void everySampleFileIsInTheJarAndHasABaseline() throws IOException {
    Properties baseline = new Properties();
    try (InputStream in = loader.getResourceAsStream("slt-corpus-baseline.properties")) {
      assertNotNull(in);
      baseline.load(in);
    }
    for (String file : AbstractSqliteCorpusSuite.SAMPLE) {
      assertNotNull(loader.getResource(file), file);
      assertNotNull(baseline.getProperty(file), file);
    }
  }

  @Test
  void allMeansTheSelectRandomAndIndexFilesFromTheJar() throws IOException {
    List<String> all = AbstractSqliteCorpusSuite.selectedFiles(loader, "all");
    assertEquals(5, all.stream().filter(name -> name.startsWith("test/select")).count());
    assertTrue(all.containsAll(AbstractSqliteCorpusSuite.SAMPLE));
    assertTrue(all.stream().noneMatch(name -> name.startsWith("test/evidence/")), all::toString);
    assertTrue(all.size() > 500, () -> all.size() + " files");
  }

  @Test
  void prefixesSelectTheirFiles() throws IOException {
    List<String> between = AbstractSqliteCorpusSuite.selectedFiles(loader,
        "test/index/between/10/, test/select1.test");
    assertEquals(7, between.size(), between::toString);
    assertTrue(between.contains("test/select1.test"));
  }
}
