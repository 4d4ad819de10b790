package io.stowage.annotations;

/**
 * Server-side encryption of an {@link S3Attribute}'s objects.
 *
 * <pre>{@code
 * @S3Attribute(bucket = "medical", sse = Sse.KMS, kmsKeyId = "alias/records") S3Value scan;
 * @S3Attribute(bucket = "contracts", sse = Sse.CUSTOMER) S3Value signed;   // key: StowageConfig.sseCustomerKey
 * }</pre>
 */
public enum Sse {
    /** The bucket's default encryption. */
    NONE,
    /** SSE-S3: keys the store manages. */
    S3,
    /** SSE-KMS: a KMS key, {@code kmsKeyId} or the account's default. */
    KMS,
    /**
     * SSE-C: a 256-bit key the application supplies at runtime
     * ({@code StowageConfig.builder().sseCustomerKey(key)}); the store keeps only its MD5 and
     * every read sends it. Never stored in the item, never logged. Such objects cannot be
     * shared by presigned URLs (the URL would hand the key to its holder).
     */
    CUSTOMER
}
