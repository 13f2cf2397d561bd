package io.quorate.node.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class PgSmokeTest {
  @Test
  void selectOne() throws Exception {
    try (PgTestServer server = new PgTestServer(); Connection c = server.connect(); Statement s = c.createStatement()) {
      ResultSet rs = s.executeQuery("select 1");
      rs.next();
      assertEquals(1, rs.getInt(1));
    }
  }
}
