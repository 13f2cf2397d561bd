package io.quorate.it.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Proves that the module dependency rules of DESIGN.md hold in the compiled code: sql and
 * raft depend on no other project module, only raft touches Ratis or RocksDB, om reaches
 * nodes only through the protocol, and the driver knows nothing of the server.
 */
class ModuleRulesTest {

  private static JavaClasses classes;

  @BeforeAll
  static void importProductionClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.quorate");
  }

  @Test
  void sqlDependsOnNoOtherModule() {
    check(
        noClasses()
            .that().resideInAPackage("io.quorate.sql..")
            .should().dependOnClassesThat()
            .resideInAnyPackage(
                "io.quorate.raft..", "io.quorate.node..", "io.quorate.protocol..",
                "io.quorate.driver..", "io.quorate.om..", "io.quorate.bench..",
                "org.apache.ratis..", "org.rocksdb..", "io.grpc..")
            .because("the SQL engine reaches storage only through its own KvStore port"));
  }

  @Test
  void raftDependsOnNoOtherModule() {
    check(
        noClasses()
            .that().resideInAPackage("io.quorate.raft..")
            .should().dependOnClassesThat()
            .resideInAnyPackage(
                "io.quorate.sql..", "io.quorate.node..", "io.quorate.protocol..",
                "io.quorate.driver..", "io.quorate.om..", "io.quorate.bench..")
            .because("the replicated store knows nothing of SQL, servers or clients"));
  }

  @Test
  void onlyRaftImportsRatisOrRocksDb() {
    check(
        noClasses()
            .that().resideOutsideOfPackage("io.quorate.raft..")
            .should().dependOnClassesThat()
            .resideInAnyPackage("org.apache.ratis..", "org.rocksdb..")
            .because("Ratis and RocksDB are raft's implementation details, translated at its edge"));
  }

  @Test
  void omTalksToNodesOnlyThroughTheProtocol() {
    check(
        noClasses()
            .that().resideInAPackage("io.quorate.om..")
            .should().dependOnClassesThat()
            .resideInAnyPackage(
                "io.quorate.node..", "io.quorate.raft..", "io.quorate.sql..")
            .because("om uses the nodes' admin API only"));
  }

  @Test
  void driverKnowsNothingOfTheServer() {
    check(
        noClasses()
            .that().resideInAnyPackage("io.quorate.driver..", "io.quorate.protocol..")
            .should().dependOnClassesThat()
            .resideInAnyPackage(
                "io.quorate.node..", "io.quorate.raft..", "io.quorate.sql..", "io.quorate.om..")
            .because("the driver and the protocol are shared with clients"));
  }

  /**
   * Inside sql the pipeline only looks backwards: the parser knows the syntax tree, not
   * the analyzer; expressions and plans know nothing of how they are produced or run;
   * only the session ties the stages together.
   */
  @Test
  void sqlPipelineStagesDependOnlyOnEarlierStages() {
    String[] later = {"io.quorate.sql.analyzer..", "io.quorate.sql.planner..", "io.quorate.sql.optimizer..",
        "io.quorate.sql.executor..", "io.quorate.sql.session.."};
    check(noClasses().that().resideInAnyPackage("io.quorate.sql.parser..", "io.quorate.sql.ast..",
        "io.quorate.sql.types..", "io.quorate.sql.encoding..", "io.quorate.sql.error..", "io.quorate.sql.kv..",
        "io.quorate.sql.expression..", "io.quorate.sql.catalog..")
        .should().dependOnClassesThat().resideInAnyPackage(later)
        .because("parsing, typing, encoding and storage do not depend on planning or execution"));
    check(noClasses().that().resideInAnyPackage("io.quorate.sql.analyzer..", "io.quorate.sql.planner..",
        "io.quorate.sql.optimizer..")
        .should().dependOnClassesThat().resideInAnyPackage("io.quorate.sql.executor..", "io.quorate.sql.session..")
        .because("plans are built without knowing how they run"));
    check(noClasses().that().resideInAPackage("io.quorate.sql.executor..")
        .should().dependOnClassesThat().resideInAnyPackage("io.quorate.sql.session..", "io.quorate.sql.optimizer..")
        .because("the executor runs the plans it is given"));
  }

  private static void check(ArchRule rule) {
    rule.check(classes);
  }
}
