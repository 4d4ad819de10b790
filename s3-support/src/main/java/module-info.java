/**
 * The S3 protocol once (key, bucket-name, metadata, presign and version-id rules, error
 * mapping, an abstract S3 blob store), shared by the S3, MinIO and in-memory providers and
 * by the API's validation.
 *
 * <pre>{@code
 * module com.example.s3clone {
 *     requires io.stowage.s3support;
 * }
 * }</pre>
 */
module io.stowage.s3support {
    requires transitive io.stowage.spi;

    exports io.stowage.s3support;
}
