package io.stowage.tck.decorators;

/**
 * The kinds of {@link io.stowage.spi.ItemStore} call the decorators count and can fail.
 * A {@code query} without a partition key is a {@link #SCAN}.
 *
 * <pre>{@code
 * long scans = countingStore.count(ItemOp.SCAN);
 * }</pre>
 */
public enum ItemOp {
    CREATE_TABLE,
    PUT,
    GET,
    DELETE,
    QUERY,
    SCAN
}
