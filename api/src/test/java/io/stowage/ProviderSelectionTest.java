package io.stowage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.testing.FakeProviders;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

/** The test classpath registers two fake blob-store providers and one fake item-store provider. */
class ProviderSelectionTest {

    @Test
    void zero_providers_say_which_artifact_to_add() {
        ClassLoader empty = new URLClassLoader(new URL[0], null);
        assertThatThrownBy(() -> Stowage.builder().classLoader(empty).build())
                .isInstanceOf(StowageException.class)
                .hasMessageContaining("No blob store provider")
                .hasMessageContaining("stowage-provider-aws-s3");
    }

    @Test
    void several_providers_without_a_choice_list_the_names() {
        assertThatThrownBy(() -> Stowage.builder().build())
                .isInstanceOf(StowageException.class)
                .hasMessageContaining("fake-a, fake-b")
                .hasMessageContaining("stowage.blobstore");
    }

    @Test
    void a_provider_is_chosen_by_name_from_the_builder_or_the_config() {
        try (Stowage s = Stowage.builder().blobStoreProvider("fake-b").build()) {
            assertThat(s.blobStore()).isInstanceOf(FakeProviders.FakeBlobStore.class);
            assertThat(((FakeProviders.FakeBlobStore) s.blobStore()).name).isEqualTo("fake-b");
        }
        try (Stowage s = Stowage.builder().config(StowageConfig.builder().blobStoreProvider("fake-a").build()).build()) {
            assertThat(((FakeProviders.FakeBlobStore) s.blobStore()).name).isEqualTo("fake-a");
        }
    }

    @Test
    void an_unknown_name_lists_the_names_found() {
        assertThatThrownBy(() -> Stowage.builder().blobStoreProvider("s4").build())
                .isInstanceOf(StowageException.class)
                .hasMessageContaining("'s4'").hasMessageContaining("fake-a, fake-b");
    }

    @Test
    void close_closes_the_stores_it_created_only() {
        FakeProviders.FakeBlobStore mine = new FakeProviders.FakeBlobStore("mine");
        Stowage s = Stowage.builder().blobStore(mine).build();
        FakeProviders.FakeItemStore created = (FakeProviders.FakeItemStore) s.itemStore();
        s.close();
        assertThat(mine.closed).isFalse();
        assertThat(created.closed).isTrue();
    }
}
