package io.stowage.provider.minio;

import io.stowage.tck.StoreFactory;
import io.stowage.provider.dynamodb.DynaliteStores;
import io.stowage.spi.BlobStore;
import io.stowage.spi.ItemStore;
import io.stowage.tck.StowageTck;
import io.stowage.testbackends.S3ProxyServer;

/**
 * The framework TCK with the MinIO blob store (on s3proxy) and the DynamoDB item store (on
 * dynalite): the two real clients together, on a versioned bucket, so that items record
 * version ids and reads stay on them ({@link MinioStowageTckTest} covers the unversioned one).
 *
 * <pre>{@code
 * mvn -pl provider-minio -am test -Dtest=MinioWithDynamoDbStowageTckTest
 * }</pre>
 */
class MinioWithDynamoDbStowageTckTest extends StowageTck {

    @Override
    protected StoreFactory<BlobStore> blobStores() {
        return S3ProxyMinioVersioning.factory();
    }

    @Override
    protected void bucketCreated(String bucket) {
        S3ProxyMinioVersioning.enable(S3ProxyServer.shared(), bucket);
    }

    @Override
    protected StoreFactory<ItemStore> itemStores() {
        return DynaliteStores.factory();
    }

    /** Every save is an HTTP round trip to two local servers; 25 per thread keeps the build quick. */
    @Override
    protected int concurrentSavesPerThread() {
        return 25;
    }
}
