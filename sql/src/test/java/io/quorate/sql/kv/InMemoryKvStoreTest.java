package io.quorate.sql.kv;

import java.time.Duration;

/** Runs the KvStore contract against the in-memory store. */
class InMemoryKvStoreTest extends KvStoreContractTest {

  @Override
  protected KvStore newStore(Duration lockTimeout) {
    return new InMemoryKvStore(lockTimeout);
  }
}
