package io.stowage.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noCodeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The public API's boundary, as the AWS SDK keeps its {@code internal} packages: what an
 * application sees in {@code io.stowage} and {@code io.stowage.annotations} never names a type
 * of {@code io.stowage.internal} or of the S3 helpers, and the SPI never depends on the API.
 */
class ApiBoundaryTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.stowage");

    private static final DescribedPredicate<JavaClass> HIDDEN = DescribedPredicate.describe(
            "a type of io.stowage.internal or io.stowage.s3support",
            c -> c.getPackageName().startsWith("io.stowage.internal") || c.getPackageName().startsWith("io.stowage.s3support"));

    private static final DescribedPredicate<JavaCodeUnit> PUBLIC_API = DescribedPredicate.describe(
            "public members of public types in io.stowage and io.stowage.annotations",
            u -> u.getModifiers().contains(JavaModifier.PUBLIC)
                    && u.getOwner().getModifiers().contains(JavaModifier.PUBLIC)
                    && (u.getOwner().getPackageName().equals("io.stowage")
                            || u.getOwner().getPackageName().equals("io.stowage.annotations")));

    @Test
    void publicApiSignaturesNeverNameInternalTypes() {
        noCodeUnits().that(PUBLIC_API)
                .should(com.tngtech.archunit.lang.conditions.ArchConditions.have(DescribedPredicate.describe(
                        "an internal type in its signature",
                        u -> HIDDEN.test(u.getRawReturnType()) || u.getRawParameterTypes().stream().anyMatch(HIDDEN::test))))
                .check(CLASSES);
    }

    @Test
    void publicApiFieldsNeverHaveInternalTypes() {
        noFields().that().areDeclaredInClassesThat().resideInAnyPackage("io.stowage", "io.stowage.annotations")
                .and().arePublic()
                .should().haveRawType(HIDDEN)
                .check(CLASSES);
    }

    @Test
    void theSpiDependsOnNothingOfTheApi() {
        noClasses().that().resideInAPackage("io.stowage.spi..")
                .should().dependOnClassesThat().resideInAnyPackage("io.stowage", "io.stowage.internal..",
                        "io.stowage.annotations..", "io.stowage.s3support..")
                .check(CLASSES);
    }
}
