package io.stowage.provider.minio;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.provider.dynamodb.DynaliteStores;
import io.stowage.spi.BlobStore;
import io.stowage.spi.ItemStore;
import io.stowage.tck.StoreFactory;
import io.stowage.tck.WireFaultTck;
import io.stowage.testbackends.S3ProxyServer;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * Faults on the wire between the MinIO provider and s3proxy, and between the DynamoDB
 * provider and dynalite: cut uploads and downloads, a stalled item write, reset connections.
 *
 * <pre>{@code
 * mvn -pl provider-minio test -Dtest=MinioWithDynamoDbWireFaultTckTest
 * }</pre>
 */
class MinioWithDynamoDbWireFaultTckTest extends WireFaultTck {

    @Override
    protected StoreFactory<BlobStore> blobStores() {
        return S3ProxyMinio.factory();
    }

    @Override
    protected StoreFactory<ItemStore> itemStores() {
        return DynaliteStores.factory();
    }

    /** Listed with a raw AWS SDK client: the MinIO client keeps that call to itself. */
    @Override
    protected OptionalInt pendingMultipartUploads(String bucket, String prefix) {
        try (S3AsyncClient admin = admin()) {
            return OptionalInt.of(admin.listMultipartUploads(b -> b.bucket(bucket).prefix(prefix)).join().uploads().size());
        }
    }

    /** The hook's positive control: a pending upload is seen, so "none pending" in the kit means something. */
    @Test
    void thePendingUploadHookSeesAnUploadThatWasStartedAndNotFinished() {
        String bucket = "stowage-pending-" + Long.toHexString(System.nanoTime());
        try (S3AsyncClient admin = admin()) {
            admin.createBucket(b -> b.bucket(bucket)).join();
            String id = admin.createMultipartUpload(b -> b.bucket(bucket).key("docs/started.bin")).join().uploadId();
            assertThat(pendingMultipartUploads(bucket, "docs/")).hasValue(1);
            admin.abortMultipartUpload(b -> b.bucket(bucket).key("docs/started.bin").uploadId(id)).join();
            assertThat(pendingMultipartUploads(bucket, "docs/")).hasValue(0);
        }
    }

    private static S3AsyncClient admin() {
        S3ProxyServer s3 = S3ProxyServer.shared();
        return S3AsyncClient.builder()
                .endpointOverride(s3.endpoint()).forcePathStyle(true).region(Region.of(s3.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())))
                .build();
    }
}
