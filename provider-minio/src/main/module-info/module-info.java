/**
 * The blob store on MinIO and other S3-compatible servers, through the MinIO Java client.
 * Found through {@code ServiceLoader} by the name {@code minio}. The MinIO client names no
 * module of its own, so it is read as the automatic module {@code minio} (from its jar's file
 * name); its types appear in no exported signature.
 *
 * <pre>{@code
 * // on the module path beside io.stowage.api; nothing to require:
 * Stowage stowage = Stowage.builder().blobStore("minio").itemStore("dynamodb").build();
 * }</pre>
 */
@SuppressWarnings("requires-automatic")
module io.stowage.provider.minio {
    requires transitive io.stowage.s3support;
    requires com.google.common;
    requires minio;
    requires okhttp3;

    exports io.stowage.provider.minio;

    provides io.stowage.spi.BlobStoreProvider with io.stowage.provider.minio.MinioBlobStoreProvider;
}
