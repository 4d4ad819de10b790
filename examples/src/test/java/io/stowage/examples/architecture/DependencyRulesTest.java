package io.stowage.examples.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of the whole project, checked over every published module's main
 * classes (this module's tests see them all): the SPI depends on the JDK only, the S3 support
 * on the SPI, the AWS support on the SPI and the SDK's Netty client, providers on the SPI and
 * the two supports (never on the API or its internals), and nothing outside the API uses
 * {@code io.stowage.internal}.
 */
class DependencyRulesTest {

    private static final JavaClasses ALL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.stowage");

    @Test
    void theSpiDependsOnTheJdkOnly() {
        classes().that().resideInAPackage("io.stowage.spi..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.stowage.spi..", "java..")
                .check(ALL);
    }

    @Test
    void theS3SupportDependsOnTheSpiAndTheJdkOnly() {
        classes().that().resideInAPackage("io.stowage.s3support..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.stowage.s3support..", "io.stowage.spi..", "java..",
                        "javax.crypto..")
                .check(ALL);
    }

    @Test
    void theAwsSupportDependsOnTheSpiAndTheSdksNettyClientOnly() {
        classes().that().resideInAPackage("io.stowage.awssupport..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.stowage.awssupport..", "io.stowage.spi..", "java..",
                        "software.amazon.awssdk.http.nio.netty..", "io.netty..")
                .check(ALL);
    }

    @Test
    void providersDependOnTheSpiNeverOnTheApi() {
        noClasses().that().resideInAPackage("io.stowage.provider..")
                .should().dependOnClassesThat().resideInAnyPackage("io.stowage", "io.stowage.internal..",
                        "io.stowage.annotations..", "io.stowage.tck..", "io.stowage.guice..", "io.stowage.testbackends..")
                .check(ALL);
    }

    @Test
    void providersDoNotDependOnEachOther() {
        for (String provider : new String[] {"inmemory", "s3", "dynamodb", "minio"}) {
            noClasses().that().resideInAPackage("io.stowage.provider." + provider + "..")
                    .should().dependOnClassesThat(DescribedPredicate.describe(
                            "a class of another provider",
                            c -> c.getPackageName().startsWith("io.stowage.provider.")
                                    && !c.getPackageName().startsWith("io.stowage.provider." + provider)))
                    .check(ALL);
        }
    }

    @Test
    void nothingOutsideTheApiUsesItsInternals() {
        noClasses().that().resideOutsideOfPackages("io.stowage", "io.stowage.internal..", "io.stowage.annotations..")
                .should().dependOnClassesThat().resideInAPackage("io.stowage.internal..")
                .check(ALL);
    }
}
