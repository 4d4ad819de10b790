/**
 * The item store on Amazon DynamoDB (and dynalite), through the AWS SDK for Java v2. Found
 * through {@code ServiceLoader} by the name {@code dynamodb}; the AWS SDK stays an
 * implementation detail (its types appear in no exported signature).
 *
 * <pre>{@code
 * // on the module path beside io.stowage.api; nothing to require:
 * Stowage stowage = Stowage.builder().blobStore("s3").itemStore("dynamodb").build();
 * }</pre>
 */
module io.stowage.provider.dynamodb {
    requires transitive io.stowage.spi;
    requires io.stowage.awssupport;
    requires software.amazon.awssdk.auth;
    requires software.amazon.awssdk.awscore;
    requires software.amazon.awssdk.core;
    requires software.amazon.awssdk.http;
    requires software.amazon.awssdk.http.nio.netty;
    requires software.amazon.awssdk.regions;
    requires software.amazon.awssdk.retries.api;
    requires software.amazon.awssdk.services.dynamodb;
    requires software.amazon.awssdk.utils;

    exports io.stowage.provider.dynamodb;

    provides io.stowage.spi.ItemStoreProvider with io.stowage.provider.dynamodb.DynamoDbItemStoreProvider;
}
