package no.examhub.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layers of the README's picture, enforced on the compiled production classes (the core
 * module: development code lives in the dev and bench modules, which core cannot see): each layer
 * uses only the layers below it, and no two packages depend on each other round a cycle.
 */
class ArchitectureTest {
  /** Bottom first: a layer may use every layer before it in this list, none after it. */
  static final List<Layer> LAYERS = List.of(
      new Layer("platform", "no.examhub.platform.."),
      new Layer("records", "no.examhub.event.."),
      new Layer("institutions", "no.examhub.institution.."),
      new Layer("access", "no.examhub.access.."),
      new Layer("ingress", "no.examhub.ingress.."),
      new Layer("flows", "no.examhub.flow.."),
      new Layer("dispatch", "no.examhub.dispatch.."),
      new Layer("partners", "no.examhub.partner.."),
      new Layer("ops", "no.examhub.ops.."),
      new Layer("entry", "no.examhub", "no.examhub.cli.."));

  private static JavaClasses production;

  record Layer(String name, String... packages) {}

  @BeforeAll
  static void importClasses() {
    production = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("no.examhub");
  }

  @Test
  void eachLayerUsesOnlyTheLayersBelowIt() {
    LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInLayers();
    for (Layer layer : LAYERS) {
      layers = layers.layer(layer.name()).definedBy(layer.packages());
    }
    for (int i = 0; i < LAYERS.size(); i++) {
      String[] below = LAYERS.subList(0, i).stream().map(Layer::name).toArray(String[]::new);
      layers = below.length == 0
          ? layers.whereLayer(LAYERS.get(i).name()).mayNotAccessAnyLayer()
          : layers.whereLayer(LAYERS.get(i).name()).mayOnlyAccessLayers(below);
    }
    layers.check(production);
  }

  @Test
  void noPackageDependsOnAnotherRoundACycle() {
    slices().matching("no.examhub.(**)").should().beFreeOfCycles().check(production);
  }
}
