package io.quorate.sql.slt;

/** Runs every sqllogictest file under src/test/resources/slt on the engine over the in-memory store. */
class EngineSltFilesTest extends AbstractSltFileSuite {

  @Override
  protected SltDatabase newDatabase() {
    return new EngineSltDatabase();
  }
}
