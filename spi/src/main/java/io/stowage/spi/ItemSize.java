package io.stowage.spi;

import java.util.Map;

/**
 * Item size as DynamoDB counts it: the UTF-8 length of every attribute name plus the
 * size of its value.
 *
 * <pre>{@code
 * if (ItemSize.of(item) > ItemSize.MAX_ITEM_BYTES) { ... }
 * }</pre>
 */
public final class ItemSize {

    /** DynamoDB's item limit: 400 KB, counted as 400 * 1024 bytes. */
    public static final long MAX_ITEM_BYTES = 400L * 1024;

    private ItemSize() {
    }

    /** The size of an item in bytes. */
    public static long of(Map<String, AttributeValue> item) {
        long total = 0;
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            total += ofAttribute(e.getKey(), e.getValue());
        }
        return total;
    }

    /** The bytes one attribute adds to an item: its name's UTF-8 length and its value's size. */
    public static long ofAttribute(String name, AttributeValue value) {
        return AttributeValue.utf8Length(name) + value.sizeInBytes();
    }
}
