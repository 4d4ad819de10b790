package io.stowage.provider.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.stowage.spi.BlobCapability;
import io.stowage.spi.BlobStore;
import io.stowage.spi.StoreException;
import io.stowage.spi.StoreSettings;
import io.stowage.tck.StoreFactory;
import io.stowage.testbackends.S3ProxyServer;

/**
 * Stores against s3proxy for the tests, and the capabilities s3proxy really has.
 *
 * <pre>{@code
 * S3BlobStore store = S3ProxyStores.store(S3ProxyServer.shared());
 * }</pre>
 */
final class S3ProxyStores {

    /**
     * What s3proxy 4.1.0 (transient store) does of what real S3 does. Everything that
     * S3BlobStore declares for S3 is honoured by s3proxy as the tests here show; if a
     * capability is ever taken out, say why here.
     */
    static final Set<BlobCapability> S3PROXY_CAPABILITIES = EnumSet.copyOf(S3BlobStore.S3_CAPABILITIES);

    private S3ProxyStores() {
    }

    static StoreSettings.Builder settings(S3ProxyServer s3) {
        return s3.settings().toBuilder();
    }

    /** The TCK's factory of stores on the shared s3proxy. */
    static StoreFactory<BlobStore> factory() {
        return StoreFactory.<BlobStore>of(S3ProxyStores::store)
                .connectionSettings(S3ProxyServer.shared().settings())
                .threadNamePrefixes("stowage-s3-")
                .build();
    }

    static S3BlobStore store(S3ProxyServer s3) {
        return store(settings(s3).build());
    }

    static S3BlobStore store(StoreSettings settings) {
        return S3BlobStore.builder()
                .settings(settings)
                .capabilities(S3PROXY_CAPABILITIES)
                // The developer's own AWS_ENDPOINT_URL and friends must not leak into tests.
                .environment(name -> null)
                .systemProperties(name -> null)
                .build();
    }

    /** The store exception a future failed with; fails the test if it succeeded. */
    static StoreException failure(CompletableFuture<?> future) {
        Throwable thrown = catchThrowable(future::join);
        assertThat(thrown).as("expected the future to fail").isInstanceOf(CompletionException.class);
        assertThat(thrown.getCause()).isInstanceOf(StoreException.class);
        return (StoreException) thrown.getCause();
    }
}
