package io.stowage.provider.dynamodb.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import io.stowage.spi.Credentials;
import io.stowage.spi.StoreSettings;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

class ClientFactoryTest {

    @Test
    void settingsWinOverTheEnvironment() {
        StoreSettings settings = StoreSettings.builder()
                .region("eu-west-3")
                .endpoint(URI.create("http://127.0.0.1:9"))
                .credentials(Credentials.basic("AKID", "secret"))
                .proxy(URI.create("http://user:p%40ss+word@127.0.0.1:3128"))
                .maxRetries(0)
                .build();
        try (ClientFactory.Built built = ClientFactory.build(settings)) {
            assertThat(built.client().serviceClientConfiguration().region()).isEqualTo(Region.EU_WEST_3);
            assertThat(built.client().serviceClientConfiguration().endpointOverride()).contains(URI.create("http://127.0.0.1:9"));
        }
    }

    @Test
    void regionComesFromTheSdkChainWhenUnset() {
        String before = System.getProperty("aws.region");
        System.setProperty("aws.region", "ap-southeast-2");
        try (ClientFactory.Built built = ClientFactory.build(StoreSettings.builder()
                .credentials(Credentials.anonymous()).build())) {
            assertThat(built.client().serviceClientConfiguration().region()).isEqualTo(Region.AP_SOUTHEAST_2);
        } finally {
            if (before == null) {
                System.clearProperty("aws.region");
            } else {
                System.setProperty("aws.region", before);
            }
        }
    }
}
