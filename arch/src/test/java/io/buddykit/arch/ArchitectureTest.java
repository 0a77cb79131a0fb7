package io.buddykit.arch;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.buddykit.sim.VmStat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;

/**
 * The module arrows, the cycle rules and a few placement rules, checked on the compiled main classes
 * of every buddykit module: what the POMs cannot say (a module reaching another through a third, a
 * cycle between packages of one module, a class in no module).
 *
 * <p>It imports every class under {@code io.buddykit} on this module's test classpath, which holds
 * every other module (directories or jars, whichever the reactor hands over); test classes, this one
 * included, are left out. Only dependencies between buddykit classes count: the JDK and libraries
 * are ignored. Run it through the reactor ({@code mvn verify}, or {@code -pl arch -am}): with
 * {@code -pl arch} alone Maven takes the sibling jars from ~/.m2, which may be stale snapshots.
 */
class ArchitectureTest {

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.buddykit");
  }

  /**
   * The module arrows: each module names what it may use; anything not named is forbidden, so
   * nothing below app uses app, sweep, view or cli, and
   * nothing below sweep uses sweep. bench may use anything and nothing uses bench. Every
   * layer must hold classes: a renamed package fails here instead of passing vacuously.
   */
  static final ArchRule MODULES = layeredArchitecture()
      .consideringOnlyDependenciesInLayers()
      .layer("core").definedBy("io.buddykit.core..")
      .layer("scenario").definedBy("io.buddykit.scenario..")
      .layer("trace").definedBy("io.buddykit.trace..")
      .layer("offheap").definedBy("io.buddykit.offheap..")
      .layer("netty").definedBy("io.buddykit.netty..")
      .layer("share").definedBy("io.buddykit.share..")
      .layer("crypt").definedBy("io.buddykit.crypt..")
      .layer("flash").definedBy("io.buddykit.flash..")
      .layer("sim").definedBy("io.buddykit.sim..")
      .layer("experiments").definedBy("io.buddykit.experiments..")
      .layer("app").definedBy("io.buddykit.app..")
      .layer("sweep").definedBy("io.buddykit.sweep..")
      .layer("spark").definedBy("io.buddykit.spark..")
      .layer("view").definedBy("io.buddykit.view..")
      .layer("cli").definedBy("io.buddykit.cli..")
      .layer("bench").definedBy("io.buddykit.bench..")

      .whereLayer("core").mayNotAccessAnyLayer()
      .whereLayer("scenario").mayNotAccessAnyLayer()
      .whereLayer("trace").mayNotAccessAnyLayer()
      .whereLayer("offheap").mayOnlyAccessLayers("core")
      // The Netty allocator sits on the arena alone; nothing of ours but bench uses it.
      .whereLayer("netty").mayOnlyAccessLayers("offheap")
      .whereLayer("share").mayOnlyAccessLayers("core", "scenario")
      .whereLayer("crypt").mayOnlyAccessLayers("core", "scenario", "offheap")
      .whereLayer("flash").mayOnlyAccessLayers("core", "scenario", "trace")
      // scenario for sim.proc's MetricsSeries, a scenario.Series.
      .whereLayer("sim").mayOnlyAccessLayers("core", "trace", "scenario")
      .whereLayer("experiments").mayOnlyAccessLayers("core", "scenario", "offheap", "sim")
      .whereLayer("app").mayOnlyAccessLayers(
          "core", "scenario", "trace", "offheap", "share", "crypt", "flash", "sim", "experiments")
      // A sweep is a front-end concept over app's Catalogue, below the front ends that show it.
      .whereLayer("sweep").mayOnlyAccessLayers(
          "app", "core", "scenario", "trace", "offheap", "share", "crypt", "flash", "sim", "experiments")
      // The Spark job: a leaf over sweep that the command loads at run time, never compiles against.
      .whereLayer("spark").mayOnlyAccessLayers(
          "sweep", "app", "core", "scenario", "trace", "offheap", "share", "crypt", "flash", "sim", "experiments")
      .whereLayer("spark").mayNotBeAccessedByAnyLayer()
      .whereLayer("view").mayOnlyAccessLayers(
          "sweep", "app", "core", "scenario", "trace", "offheap", "share", "crypt", "flash", "sim", "experiments")
      .whereLayer("cli").mayOnlyAccessLayers(
          "view", "sweep", "app", "core", "scenario", "trace", "offheap", "share", "crypt", "flash", "sim",
          "experiments")
      .whereLayer("bench").mayNotBeAccessedByAnyLayer();

  /** Every buddykit class belongs to a module: a new top-level package must be added above. */
  static final ArchRule EVERY_CLASS_IN_A_MODULE = classes()
      .should().resideInAnyPackage(
          "io.buddykit.core..", "io.buddykit.scenario..", "io.buddykit.trace..",
          "io.buddykit.offheap..", "io.buddykit.netty..", "io.buddykit.share..", "io.buddykit.crypt..",
          "io.buddykit.flash..", "io.buddykit.sim..", "io.buddykit.experiments..",
          "io.buddykit.app..", "io.buddykit.sweep..", "io.buddykit.spark..", "io.buddykit.view..",
          "io.buddykit.cli..", "io.buddykit.bench..");

  /**
   * No cycle between packages: {@code (**)} captures the whole name below io.buddykit, so each
   * package is its own slice (sim, sim.proc, view.report, ...), not each module.
   */
  static final ArchRule NO_PACKAGE_CYCLES = slices()
      .matching("io.buddykit.(**)")
      .should().beFreeOfCycles();

  /** No cycle between modules (top-level packages): implied by the arrows, but a clearer message. */
  static final ArchRule NO_MODULE_CYCLES = slices()
      .matching("io.buddykit.(*)..")
      .should().beFreeOfCycles();

  /**
   * The cli package is the command line only: picocli commands, their printers (and the table they
   * print with), the reports they print as JSON, and picocli converters. Anything that computes
   * belongs in a module below.
   */
  static final ArchRule CLI_IS_COMMANDS_AND_PRINTERS = classes()
      .that().resideInAPackage("io.buddykit.cli..").and().areTopLevelClasses()
      .and().doNotHaveSimpleName("package-info")
      .should().beAnnotatedWith(Command.class)
      .orShould().haveSimpleNameEndingWith("Printer")
      .orShould().haveSimpleNameEndingWith("Report")
      .orShould().haveSimpleName("Table")
      .orShould().implement(ITypeConverter.class);

  /**
   * Only the engine counts events: outside io.buddykit.sim nothing writes a VmStat field or calls a
   * VmStat method that returns nothing (a mutator); reading the counters is free.
   */
  static final ArchRule ONLY_THE_ENGINE_COUNTS = noClasses()
      .that().resideOutsideOfPackage("io.buddykit.sim..")
      .should().setFieldWhere(describe("a VmStat field",
          access -> access.getTargetOwner().isEquivalentTo(VmStat.class)))
      .orShould().callMethodWhere(describe("a VmStat method returning void",
          call -> call.getTargetOwner().isEquivalentTo(VmStat.class)
              && call.getTarget().getRawReturnType().isEquivalentTo(void.class)));

  @Test
  void importsMainClassesOnly() {
    // A classpath that sees nothing would let every rule pass vacuously.
    assertThat(classes.stream().filter(c -> c.getPackageName().equals("io.buddykit.core"))).isNotEmpty();
    assertThat(classes.contain(ArchitectureTest.class)).as("test classes imported").isFalse();
  }

  @Test
  void modulesFollowTheArrows() {
    MODULES.check(classes);
  }

  @Test
  void everyClassIsInAModule() {
    EVERY_CLASS_IN_A_MODULE.check(classes);
  }

  @Test
  void packagesAreFreeOfCycles() {
    NO_PACKAGE_CYCLES.check(classes);
  }

  @Test
  void modulesAreFreeOfCycles() {
    NO_MODULE_CYCLES.check(classes);
  }

  @Test
  void cliHoldsCommandsAndPrinters() {
    CLI_IS_COMMANDS_AND_PRINTERS.check(classes);
  }

  @Test
  void onlyTheEngineCountsEvents() {
    ONLY_THE_ENGINE_COUNTS.check(classes);
  }
}
