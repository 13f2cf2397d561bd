package io.quorate.node.pgwire;

import org.junit.jupiter.api.BeforeAll;

/** The type round trips of {@link PgTypesTest}, with the engine on the primary of a three-node cluster. */
class PgTypesOnClusterTest extends PgTypesTest {

  @BeforeAll
  static void start() throws Exception {
    server = PgTestServer.onCluster();
    createTable();
  }
}
