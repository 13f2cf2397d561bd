package io.quorate.raft.bench;

/** Something the benchmark commits to: one small replicated write per call. */
interface CommitTarget extends AutoCloseable {

  String name();

  /** Commits one write of {@code value} under a key unique to {@code writer} and {@code sequence}; blocks until acknowledged. */
  void commit(int writer, long sequence, byte[] value) throws Exception;

  @Override
  void close();
}
