/**
 * In-memory blob and item stores that behave like S3 and DynamoDB, for tests and examples.
 * Applications reach them through {@code ServiceLoader} by the name {@code inmemory}; the
 * exported package holds the stores for code that builds them directly.
 *
 * <pre>{@code
 * module com.example.documents {
 *     requires io.stowage.api;
 *     requires io.stowage.provider.inmemory; // or only at run time, on the module path
 * }
 * }</pre>
 */
module io.stowage.provider.inmemory {
    requires transitive io.stowage.spi;
    requires io.stowage.s3support;
    requires jdk.httpserver;

    exports io.stowage.provider.inmemory;

    provides io.stowage.spi.BlobStoreProvider with io.stowage.provider.inmemory.InMemoryBlobStoreProvider;
    provides io.stowage.spi.ItemStoreProvider with io.stowage.provider.inmemory.InMemoryItemStoreProvider;
}
