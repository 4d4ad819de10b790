package io.stowage.provider.s3;

import io.stowage.provider.dynamodb.DynaliteStores;
import io.stowage.spi.BlobStore;
import io.stowage.spi.ItemStore;
import io.stowage.tck.StoreFactory;
import io.stowage.tck.WireFaultTck;
import io.stowage.testbackends.S3ProxyServer;
import java.util.OptionalInt;

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
}
