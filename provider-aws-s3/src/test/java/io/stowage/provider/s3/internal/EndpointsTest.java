package io.stowage.provider.s3.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import io.stowage.spi.StoreSettings;
import org.junit.jupiter.api.Test;

class EndpointsTest {

    private static final UnaryOperator<String> NONE = name -> null;

    private static UnaryOperator<String> of(Map<String, String> values) {
        return values::get;
    }

    @Test
    void settingsWinOverPropertiesAndEnvironment() {
        StoreSettings settings = StoreSettings.builder().endpoint(URI.create("http://settings:1")).build();
        assertThat(Endpoints.resolve(settings, of(Map.of("aws.endpointUrl", "http://prop:2")),
                of(Map.of("AWS_ENDPOINT_URL", "http://env:3")))).contains(URI.create("http://settings:1"));
    }

    @Test
    void serviceSpecificBeforeGlobalPropertiesBeforeEnvironment() {
        StoreSettings none = StoreSettings.defaults();
        assertThat(Endpoints.resolve(none, NONE, of(Map.of("AWS_ENDPOINT_URL", "http://global:1",
                "AWS_ENDPOINT_URL_S3", "http://s3:2")))).contains(URI.create("http://s3:2"));
        assertThat(Endpoints.resolve(none, NONE, of(Map.of("AWS_ENDPOINT_URL", "http://global:1"))))
                .contains(URI.create("http://global:1"));
        assertThat(Endpoints.resolve(none, of(Map.of("aws.endpointUrlS3", "http://prop-s3:4")),
                of(Map.of("AWS_ENDPOINT_URL_S3", "http://s3:2")))).contains(URI.create("http://prop-s3:4"));
        assertThat(Endpoints.resolve(none, NONE, NONE)).isEmpty();
    }

    @Test
    void ignoreConfiguredEndpointsIsHonoured() {
        assertThat(Endpoints.resolve(StoreSettings.defaults(), NONE, of(Map.of("AWS_ENDPOINT_URL", "http://x:1",
                "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true")))).isEmpty();
    }

    @Test
    void pathStyleWhenAnEndpointIsSet() {
        assertThat(Endpoints.pathStyle(StoreSettings.defaults(), Optional.of(URI.create("http://x:1")))).isTrue();
        assertThat(Endpoints.pathStyle(StoreSettings.defaults(), Optional.empty())).isFalse();
        assertThat(Endpoints.pathStyle(StoreSettings.builder().property("stowage.s3.forcePathStyle", "true").build(),
                Optional.empty())).isTrue();
    }

    @Test
    void malformedEndpointIsRefusedWithItsValue() {
        assertThatThrownBy(() -> Endpoints.resolve(StoreSettings.defaults(), NONE, of(Map.of("AWS_ENDPOINT_URL", "localhost"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("localhost");
    }
}
