package io.stowage.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.module.Configuration;
import java.lang.module.FindException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The published jars as an application on the module path uses them: the API, the SPI, the
 * S3 support, the four providers, the Guice and the Micrometer modules resolve as named
 * modules beside the AWS SDK, the MinIO client, Guice and Micrometer, the API finds the providers through its {@code uses} clauses, and no provider's
 * {@code internal} package is exported.
 *
 * <p>The providers' descriptors are compiled at {@code prepare-package} (see the root pom), so
 * this test needs the jars {@code mvn verify} builds; under {@code mvn test} alone it is skipped
 * with that reason.
 */
class ModulePathTest {

    private static final List<String> PUBLISHED = List.of("io.stowage.awssupport", "io.stowage.provider.inmemory",
            "io.stowage.provider.s3", "io.stowage.provider.dynamodb", "io.stowage.provider.minio", "io.stowage.guice",
            "io.stowage.micrometer");

    /** Test-only jars: automatic modules that would otherwise join the layer. */
    private static final List<String> TEST_ONLY = List.of("org.junit", "org.opentest4j", "org.apiguardian",
            "org.assertj", "net.bytebuddy");

    private static ModuleLayer layer;
    private static ModuleLayer springLayer;

    @BeforeAll
    static void defineTheLayer() {
        Map<String, Path> modules = new LinkedHashMap<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (Files.isDirectory(path) && path.getParent() != null && path.getParent().getParent() != null
                    && isPublishedModule(path.getParent().getParent().getFileName().toString())
                    && !Files.exists(path.resolve("module-info.class"))) {
                Assumptions.abort(path + " has no module descriptor yet: providers compile it at prepare-package,"
                        + " so run `mvn verify` (this test needs the jars)");
            }
            if (!Files.exists(path) || path.endsWith(Path.of("examples", "target", "test-classes"))
                    || path.endsWith(Path.of("examples", "target", "classes"))) {
                continue;
            }
            try {
                // One jar at a time: a jar that is no valid module is left out, not fatal.
                for (ModuleReference ref : ModuleFinder.of(path).findAll()) {
                    String name = ref.descriptor().name();
                    if (TEST_ONLY.stream().noneMatch(name::startsWith)) {
                        modules.putIfAbsent(name, path);
                    }
                }
            } catch (FindException notAModule) {
                // e.g. a jar whose file name gives no valid automatic module name
            }
        }
        // Guice's aopalliance and Spring's spring-aop split a package, so no application has both
        // on its module path: Spring gets a layer of its own.
        layer = layer(modules, name -> name.startsWith("spring") || name.equals("io.stowage.spring"),
                "io.stowage.api", "io.stowage.guice", "io.stowage.micrometer");
        springLayer = layer(modules, name -> name.equals("aopalliance") || name.contains("guice"), "io.stowage.spring");
    }

    private static ModuleLayer layer(Map<String, Path> modules, java.util.function.Predicate<String> leaveOut, String... roots) {
        ModuleFinder finder = ModuleFinder.of(modules.entrySet().stream().filter(m -> !leaveOut.test(m.getKey()))
                .map(Map.Entry::getValue).toArray(Path[]::new));
        Configuration configuration = ModuleLayer.boot().configuration().resolveAndBind(finder, ModuleFinder.of(), Set.of(roots));
        return ModuleLayer.boot().defineModulesWithOneLoader(configuration, ClassLoader.getPlatformClassLoader());
    }

    @Test
    void theSpringStarterIsANamedModuleThatReadsTheApiAndExportsItsPackage() {
        Module spring = springLayer.findModule("io.stowage.spring").orElseThrow(() -> new AssertionError("io.stowage.spring"));
        assertThat(spring.getDescriptor().isAutomatic()).isFalse();
        assertThat(spring.isExported("io.stowage.spring")).isTrue();
        assertThat(spring.canRead(springLayer.findModule("io.stowage.api").orElseThrow())).isTrue();
        assertThat(springLayer.findModule("io.stowage.micrometer")).as("optional: only what the application brings").isEmpty();
    }

    @Test
    void everyProviderIsANamedModuleThatExportsNoInternalPackage() {
        for (String name : PUBLISHED) {
            Module module = layer.findModule(name).orElseThrow(() -> new AssertionError(name + " was not resolved"));
            assertThat(module.getDescriptor().isAutomatic()).as(name + " is automatic").isFalse();
            for (String pkg : module.getPackages()) {
                assertThat(module.isExported(pkg)).as(name + " exports " + pkg).isEqualTo(!pkg.contains(".internal"));
            }
        }
        assertThat(layer.findModule("io.stowage.api").orElseThrow().isExported("io.stowage.internal")).isFalse();
    }

    @Test
    void theProvidersAreFoundAsServicesThroughTheLayer() throws Exception {
        assertThat(providerNames("io.stowage.spi.BlobStoreProvider")).containsExactly("inmemory", "minio", "s3");
        assertThat(providerNames("io.stowage.spi.ItemStoreProvider")).containsExactly("dynamodb", "inmemory");
    }

    @Test
    void theApiLoadsTheProvidersItUsesFromTheModulePath() throws Exception {
        ClassLoader loader = layer.findLoader("io.stowage.api");
        Class<?> stowage = loader.loadClass("io.stowage.Stowage");
        Object builder = stowage.getMethod("builder").invoke(null);
        Class<?> builderType = builder.getClass();
        builderType.getMethod("blobStoreProvider", String.class).invoke(builder, "inmemory");
        builderType.getMethod("itemStoreProvider", String.class).invoke(builder, "inmemory");
        builderType.getMethod("classLoader", ClassLoader.class).invoke(builder, loader);
        try (AutoCloseable built = (AutoCloseable) builderType.getMethod("build").invoke(builder)) {
            assertThat(built.getClass().getModule().getName()).isEqualTo("io.stowage.api");
            Object blobStore = stowage.getMethod("blobStore").invoke(built);
            Object itemStore = stowage.getMethod("itemStore").invoke(built);
            assertThat(blobStore.getClass().getModule().getName()).isEqualTo("io.stowage.provider.inmemory");
            assertThat(itemStore.getClass().getModule().getName()).isEqualTo("io.stowage.provider.inmemory");
        }
    }

    private static boolean isPublishedModule(String directory) {
        return directory.startsWith("provider-") || directory.equals("aws-support") || directory.equals("guice") || directory.equals("micrometer")
                || directory.equals("spring-boot");
    }

    private static List<String> providerNames(String service) throws Exception {
        Class<?> type = layer.findLoader("io.stowage.spi").loadClass(service);
        Method name = type.getMethod("name");
        Set<String> names = new TreeSet<>();
        for (Object provider : ServiceLoader.load(layer, type)) {
            names.add((String) name.invoke(provider));
            assertThat(provider.getClass().getModule().isNamed()).isTrue();
        }
        return new ArrayList<>(names);
    }
}
