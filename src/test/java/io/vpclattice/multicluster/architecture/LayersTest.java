package io.vpclattice.multicluster.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layer rule of docs/ARCHITECTURE.md, on the program's own classes: each layer uses only the layers below it, so
 * {@code pulumi up} never runs the offline plan's emulation of the Pulumi CLI, components never see a config
 * record, and the deciders at the bottom stay plain functions that tests call directly.
 */
@AnalyzeClasses(packages = "io.vpclattice.multicluster", importOptions = ImportOption.DoNotIncludeTests.class)
class LayersTest {
    private static final String ROOT = "io.vpclattice.multicluster";

    @ArchTest
    static final ArchRule layersPointDown = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("Entry point")
            .definedBy(describe("App", c -> c.getName().equals(ROOT + ".App")))
            .layer("Offline plan")
            .definedBy(ROOT + ".offlineplan..")
            .layer("Pulumi CLI rules")
            .definedBy(ROOT + ".pulumicli..")
            .layer("Stacks")
            .definedBy(ROOT + ".stacks..")
            .layer("Components")
            .definedBy(ROOT + ".components..")
            .layer("Config")
            .definedBy(ROOT + ".config..")
            .layer("CRD files")
            .definedBy(ROOT + ".crdfiles..")
            .layer("Limits")
            .definedBy(ROOT + ".limits..")
            .layer("Policies")
            .definedBy(ROOT + ".policies..")
            .layer("Kubernetes objects")
            .definedBy(ROOT + ".kubernetes..")
            .layer("Accounts")
            .definedBy(ROOT + ".accounts..")
            .layer("Naming, EKS and network decisions")
            .definedBy(ROOT + ".naming..", ROOT + ".eks..", ROOT + ".network..")
            .whereLayer("Entry point")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("Offline plan")
            .mayOnlyBeAccessedByLayers("Entry point")
            .whereLayer("Pulumi CLI rules")
            .mayOnlyBeAccessedByLayers("Entry point", "Offline plan")
            .whereLayer("Stacks")
            .mayOnlyBeAccessedByLayers("Entry point", "Offline plan")
            .whereLayer("Components")
            .mayOnlyBeAccessedByLayers("Stacks")
            .whereLayer("Config")
            .mayOnlyBeAccessedByLayers("Entry point", "Offline plan", "Pulumi CLI rules", "Stacks")
            .whereLayer("CRD files")
            .mayOnlyBeAccessedByLayers("Entry point", "Offline plan", "Stacks")
            .whereLayer("Limits")
            .mayOnlyBeAccessedByLayers("Stacks", "Config")
            .whereLayer("Policies")
            .mayOnlyBeAccessedByLayers("Stacks", "Components", "Config", "Limits")
            .whereLayer("Kubernetes objects")
            .mayOnlyBeAccessedByLayers("Offline plan", "Stacks", "Components", "Config", "CRD files", "Policies")
            .whereLayer("Accounts")
            .mayOnlyBeAccessedByLayers("Stacks", "Components", "Config", "Limits", "Policies")
            .whereLayer("Naming, EKS and network decisions")
            .mayOnlyBeAccessedByLayers(
                    "Offline plan",
                    "Stacks",
                    "Components",
                    "Config",
                    "CRD files",
                    "Limits",
                    "Policies",
                    "Kubernetes objects",
                    "Accounts");

    @ArchTest
    static final ArchRule onlyTheOfflinePlanUsesPulumiSdkInternals = noClasses()
            .that()
            .resideOutsideOfPackage(ROOT + ".offlineplan..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("com.pulumi.test..", "com.pulumi..internal..")
            .because("the deploy path must not depend on the SDK's test engine or its internal classes");

    @ArchTest
    static final ArchRule decidersAreFreeOfPulumi = noClasses()
            .that()
            .resideInAnyPackage(
                    ROOT + ".naming..",
                    ROOT + ".eks..",
                    ROOT + ".network..",
                    ROOT + ".accounts..",
                    ROOT + ".kubernetes..",
                    ROOT + ".limits..",
                    ROOT + ".policies..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("com.pulumi..")
            .because("deciders are plain functions, tested without the engine");

    @ArchTest
    static final ArchRule noPackageCycles =
            slices().matching(ROOT + ".(*)..").should().beFreeOfCycles();
}
