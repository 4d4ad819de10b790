package io.stowage.provider.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.URI;
import java.time.Duration;

import io.stowage.spi.BlobId;
import io.stowage.spi.Credentials;
import io.stowage.spi.GetBlobRequest;
import io.stowage.spi.StoreSettings;
import io.stowage.testbackends.RecordingProxy;
import org.junit.jupiter.api.Test;

/**
 * The configured proxy carries the store's requests: the target's host is one that does
 * not resolve, so only a client that hands the request to the proxy reaches anything.
 */
class ProxyTest {

    @Test
    void requestsGoThroughTheConfiguredProxy() {
        try (RecordingProxy proxy = RecordingProxy.start()) {
            StoreSettings settings = StoreSettings.builder()
                    .endpoint(URI.create("http://example.invalid:9"))
                    .region("us-east-1")
                    .credentials(Credentials.basic("AKIDPROXY", "secret"))
                    .proxy(proxy.uri("proxy-user", "proxy-pw-9931"))
                    .maxRetries(0)
                    .apiCallTimeout(Duration.ofSeconds(10))
                    .build();
            try (S3BlobStore store = S3ProxyStores.store(settings)) {
                Throwable thrown = catchThrowable(() -> store.head(GetBlobRequest.of(BlobId.of("proxied-bucket", "k"))).join());
                assertThat(thrown).as("a proxy that answers 502").isNotNull();
            }
            assertThat(proxy.requestHeads()).as("requests the proxy received").isNotEmpty()
                    .allSatisfy(head -> assertThat(head).contains("example.invalid:9"));
        }
    }
}
