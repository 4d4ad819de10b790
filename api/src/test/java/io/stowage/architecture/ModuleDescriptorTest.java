package io.stowage.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The API module as a module-path application sees it: only {@code io.stowage} and its
 * annotations are exported ({@code io.stowage.internal} stays hidden), the SPI comes with
 * it, and providers are found through {@code uses}.
 */
class ModuleDescriptorTest {

    private static ModuleDescriptor descriptor() {
        return ModuleFinder.of(Path.of("target", "classes")).find("io.stowage.api")
                .orElseThrow(() -> new AssertionError("target/classes holds no module io.stowage.api"))
                .descriptor();
    }

    @Test
    void onlyTheApiPackagesAreExported() {
        assertThat(descriptor().exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("io.stowage", "io.stowage.annotations");
        assertThat(descriptor().packages()).contains("io.stowage.internal");
    }

    @Test
    void theSpiIsReadTransitivelyAndProvidersAreLoadedAsServices() {
        assertThat(descriptor().requires()).anySatisfy(r -> {
            assertThat(r.name()).isEqualTo("io.stowage.spi");
            assertThat(r.modifiers()).contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE);
        });
        assertThat(descriptor().uses()).containsExactlyInAnyOrder("io.stowage.spi.BlobStoreProvider",
                "io.stowage.spi.ItemStoreProvider");
    }
}
