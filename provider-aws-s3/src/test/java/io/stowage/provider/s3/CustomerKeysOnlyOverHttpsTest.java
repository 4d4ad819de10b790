package io.stowage.provider.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.spi.BlobCapability;
import io.stowage.spi.Credentials;
import io.stowage.spi.StoreSettings;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** An SSE-C key travels in a header of every request, so a store on a plain-HTTP endpoint does not offer SSE-C. */
class CustomerKeysOnlyOverHttpsTest {

    private static S3BlobStore store(String endpoint) {
        return S3BlobStore.builder()
                .settings(StoreSettings.builder().endpoint(URI.create(endpoint)).region("us-east-1")
                        .credentials(Credentials.basic("AKIDTEST", "secret-test")).build())
                .environment(name -> null)
                .systemProperties(name -> null)
                .build();
    }

    @Test
    void ssecIsDeclaredOverHttpsOnly() {
        try (S3BlobStore plain = store("http://127.0.0.1:9"); S3BlobStore tls = store("https://127.0.0.1:9")) {
            assertThat(plain.capabilities()).doesNotContain(BlobCapability.SSE_C).contains(BlobCapability.SSE_S3, BlobCapability.SSE_KMS);
            assertThat(tls.capabilities()).contains(BlobCapability.SSE_C);
        }
    }
}
