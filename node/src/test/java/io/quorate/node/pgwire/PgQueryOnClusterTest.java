package io.quorate.node.pgwire;

import org.junit.jupiter.api.BeforeAll;

/**
 * The query paths of {@link PgQueryTest} (prepared and binary, batches, fetch size,
 * transactions and isolation levels, COPY, cancel, errors), with the engine on the
 * primary of a three-node cluster.
 */
class PgQueryOnClusterTest extends PgQueryTest {

  @BeforeAll
  static void start() throws Exception {
    server = PgTestServer.onCluster();
  }
}
