package io.quorate.sql.slt;

/** Runs SQLite's public sqllogictest corpus sample on the engine; pass counts may not drop below the baseline. */
class EngineSqliteCorpusTest extends AbstractSqliteCorpusSuite {

  @Override
  protected SltDatabase newDatabase() {
    return new EngineSltDatabase();
  }
}
