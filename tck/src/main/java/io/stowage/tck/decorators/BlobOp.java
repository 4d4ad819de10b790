package io.stowage.tck.decorators;

/**
 * The kinds of {@link io.stowage.spi.BlobStore} call the decorators count and can fail.
 * {@code capabilities()} and {@code close()} are not calls to the backend and have no kind.
 *
 * <pre>{@code
 * long puts = countingStore.count(BlobOp.PUT);
 * }</pre>
 */
public enum BlobOp {
    CREATE_BUCKET,
    BUCKET_EXISTS,
    PUT,
    HEAD,
    GET_BYTES,
    GET_TO_FILE,
    GET_STREAM,
    PRESIGN_GET,
    PRESIGN_PUT,
    DELETE,
    /** One {@code deleteAll} call, whatever the number of objects (a store without batches makes it many DELETEs). */
    DELETE_ALL,
    LIST,
    COPY
}
