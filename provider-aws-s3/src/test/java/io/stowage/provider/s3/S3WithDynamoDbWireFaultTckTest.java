package io.stowage.provider.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.provider.dynamodb.DynaliteStores;
import io.stowage.spi.BlobStore;
import io.stowage.spi.ItemStore;
import io.stowage.tck.StoreFactory;
import io.stowage.tck.WireFaultTck;
import io.stowage.testbackends.S3ProxyServer;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * Faults on the wire between the S3 provider and s3proxy, and between the DynamoDB provider
 * and dynalite: cut uploads and downloads, a stalled item write, reset connections.
 *
 * <pre>{@code
 * mvn -pl provider-aws-s3 test -Dtest=S3WithDynamoDbWireFaultTckTest
 * }</pre>
 */
class S3WithDynamoDbWireFaultTckTest extends WireFaultTck {

    @Override
    protected StoreFactory<BlobStore> blobStores() {
        return S3ProxyStores.factory();
    }

    @Override
    protected StoreFactory<ItemStore> itemStores() {
        return DynaliteStores.factory();
    }

    @Override
    protected OptionalInt pendingMultipartUploads(String bucket, String prefix) {
        return OptionalInt.of(S3ProxyVersioning.pendingMultipartUploads(S3ProxyServer.shared(), bucket, prefix));
    }

    /** The hook's positive control: a pending upload is seen, so "none pending" in the kit means something. */
    @Test
    void thePendingUploadHookSeesAnUploadThatWasStartedAndNotFinished() {
        String bucket = "stowage-pending-" + Long.toHexString(System.nanoTime());
        String id = S3ProxyVersioning.startMultipartUpload(S3ProxyServer.shared(), bucket, "docs/started.bin");
        assertThat(pendingMultipartUploads(bucket, "docs/")).hasValue(1);
        S3ProxyVersioning.abortMultipartUpload(S3ProxyServer.shared(), bucket, "docs/started.bin", id);
        assertThat(pendingMultipartUploads(bucket, "docs/")).hasValue(0);
    }
}
