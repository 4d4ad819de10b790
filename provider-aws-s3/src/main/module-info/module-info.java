/**
 * The blob store on Amazon S3 and S3-compatible servers, through the AWS SDK for Java v2 and
 * its transfer manager. Found through {@code ServiceLoader} by the name {@code s3}; the AWS SDK
 * stays an implementation detail (its types appear in no exported signature).
 *
 * <pre>{@code
 * // on the module path beside io.stowage.api; nothing to require:
 * Stowage stowage = Stowage.builder().blobStore("s3").itemStore("dynamodb").build();
 * }</pre>
 */
module io.stowage.provider.s3 {
    requires transitive io.stowage.s3support;
    requires io.stowage.awssupport;
    requires org.reactivestreams;
    requires software.amazon.awssdk.auth;
    requires software.amazon.awssdk.awscore;
    requires software.amazon.awssdk.core;
    requires software.amazon.awssdk.http;
    requires software.amazon.awssdk.http.nio.netty;
    requires software.amazon.awssdk.regions;
    requires software.amazon.awssdk.retries.api;
    requires software.amazon.awssdk.services.s3;
    requires software.amazon.awssdk.transfer.s3;
    requires software.amazon.awssdk.utils;

    exports io.stowage.provider.s3;

    provides io.stowage.spi.BlobStoreProvider with io.stowage.provider.s3.S3BlobStoreProvider;
}
