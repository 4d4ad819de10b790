package io.stowage.testbackends;

import io.stowage.spi.Credentials;
import io.stowage.spi.StoreSettings;
import java.net.URI;

/**
 * A test server on loopback that a store reaches with an endpoint, a region and a key pair.
 *
 * <pre>{@code
 * try (S3ProxyServer s3 = S3ProxyServer.start()) {
 *     BlobStore store = S3BlobStore.create(s3.settings());
 * }
 * }</pre>
 */
public interface LoopbackServer extends AutoCloseable {

    URI endpoint();

    String region();

    String accessKey();

    String secretKey();

    /** Store settings that reach this server: its endpoint, region and credentials. */
    default StoreSettings settings() {
        return StoreSettings.builder()
                .endpoint(endpoint())
                .region(region())
                .credentials(Credentials.basic(accessKey(), secretKey()))
                .build();
    }

    /** Stops the server; never throws. */
    @Override
    void close();
}
