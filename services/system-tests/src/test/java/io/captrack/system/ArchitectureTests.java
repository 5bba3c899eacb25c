package io.captrack.system;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The services share contracts and plumbing, never each other's code. */
class ArchitectureTests {

  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.captrack");

  @Test
  void servicesDoNotDependOnEachOther() {
    slices()
        .matching("io.captrack.(partner|talent|learning|projector|api)..")
        .should()
        .notDependOnEachOther()
        .check(CLASSES);
  }

  @Test
  void contractsDependOnNothingOfCaptrackButThemselves() {
    noClasses()
        .that()
        .resideInAPackage("io.captrack.schemas..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.captrack.platform..",
            "io.captrack.partner..",
            "io.captrack.projector..",
            "org.springframework..")
        .check(CLASSES);
  }

  @Test
  void onlyTheWiringPackagesTalkToKafkaAdministration() {
    noClasses()
        .that()
        .resideOutsideOfPackages("..system..", "io.captrack.testkit..", "io.captrack.local..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.apache.kafka.clients.admin..")
        .check(CLASSES);
  }
}
