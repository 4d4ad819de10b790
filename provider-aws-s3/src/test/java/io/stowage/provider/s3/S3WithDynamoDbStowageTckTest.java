package io.stowage.provider.s3;

import io.stowage.provider.dynamodb.DynaliteStores;
import io.stowage.spi.BlobStore;
import io.stowage.spi.ItemStore;
import io.stowage.tck.StoreFactory;
import io.stowage.tck.StowageTck;
import io.stowage.testbackends.S3ProxyServer;
import org.junit.jupiter.api.Tag;

/**
 * The framework TCK on the production pairing: the S3 provider on s3proxy and the
 * DynamoDB provider on dynalite, both real servers on loopback. The bucket is versioned,
 * so items record version ids and reads stay on them; {@link S3StowageTckTest} covers the
 * unversioned bucket. Runs with the versioned TCK in a JVM of its own (the
 * {@code versioned-buckets} execution of the pom): the old versions stay in s3proxy's heap.
 *
 * <pre>{@code
 * mvn -pl provider-aws-s3 -am test -Dtest=S3WithDynamoDbStowageTckTest
 * }</pre>
 */
@Tag("versioned-bucket")
class S3WithDynamoDbStowageTckTest extends StowageTck {

    @Override
    protected StoreFactory<BlobStore> blobStores() {
        return S3ProxyVersioning.factory();
    }

    @Override
    protected void bucketCreated(String bucket) {
        S3ProxyVersioning.enable(S3ProxyServer.shared(), bucket);
    }

    @Override
    protected StoreFactory<ItemStore> itemStores() {
        return DynaliteStores.factory();
    }

    @Override
    protected int concurrentSavesPerThread() {
        return 25;
    }
}
