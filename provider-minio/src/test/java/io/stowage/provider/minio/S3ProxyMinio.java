package io.stowage.provider.minio;

import java.util.Collections;
import java.util.EnumSet;
import io.stowage.spi.BlobStore;
import io.stowage.tck.StoreFactory;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.stowage.spi.BlobCapability;
import io.stowage.spi.StoreException;
import io.stowage.spi.StoreSettings;
import io.stowage.testbackends.S3ProxyServer;

/**
 * MinIO stores against the tests' s3proxy, and the capabilities s3proxy really has.
 *
 * <pre>{@code
 * MinioBlobStore store = S3ProxyMinio.store(S3ProxyServer.shared());
 * }</pre>
 */
final class S3ProxyMinio {

    /**
     * What s3proxy 4.1.0 (transient store) does of what this client does against real S3
     * and MinIO. Every capability MinioBlobStore declares is honoured by s3proxy, as the
     * TCK run shows; if one is ever taken out, say why here.
     */
    static final Set<BlobCapability> S3PROXY_CAPABILITIES = withConditionalDelete();

    private static Set<BlobCapability> withConditionalDelete() {
        // s3proxy honours If-Match on deletes (checked, then deleted); MinIO servers do not promise it.
        Set<BlobCapability> capabilities = EnumSet.copyOf(MinioBlobStore.MINIO_CAPABILITIES);
        capabilities.add(BlobCapability.CONDITIONAL_DELETE);
        return Collections.unmodifiableSet(capabilities);
    }

    private S3ProxyMinio() {
    }

    static StoreSettings.Builder settings(S3ProxyServer s3) {
        return s3.settings().toBuilder();
    }

    /** The TCK's factory of stores on the shared s3proxy. */
    static StoreFactory<BlobStore> factory() {
        return StoreFactory.<BlobStore>of(S3ProxyMinio::store)
                .connectionSettings(S3ProxyServer.shared().settings())
                .threadNamePrefixes("stowage-minio-", "OkHttp Dispatcher")
                .build();
    }

    static MinioBlobStore store(S3ProxyServer s3) {
        return store(settings(s3).build());
    }

    static MinioBlobStore store(StoreSettings settings) {
        return MinioBlobStore.builder()
                .settings(settings)
                .capabilities(S3PROXY_CAPABILITIES)
                // The developer's own AWS_ENDPOINT_URL, keys and profiles must not leak into tests.
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
