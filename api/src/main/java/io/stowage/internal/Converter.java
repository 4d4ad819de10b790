package io.stowage.internal;

import io.stowage.spi.AttributeValue;
import io.stowage.spi.KeyType;

/**
 * Converts one Java field type to and from an item attribute value. Internal, not API:
 * public only because {@code ModelSchema} in {@code io.stowage} looks converters up.
 *
 * <pre>{@code
 * AttributeValue n = Converters.forType(int.class, null).toAttribute(42);   // N "42"
 * }</pre>
 */
public interface Converter {

    /** The Java value as an attribute; never called with {@code null}. */
    AttributeValue toAttribute(Object value);

    /**
     * The attribute as a Java value.
     *
     * @throws IllegalArgumentException if the attribute has another type
     */
    Object fromAttribute(AttributeValue value);

    /** A {@code @Default} text as a Java value. */
    Object parse(String text);

    /** The key type, or {@code null} if this type cannot be a table key. */
    KeyType keyType();

    /** The value as text, for object keys (only for key-capable types). */
    default String keyText(Object value) {
        return String.valueOf(value);
    }
}
