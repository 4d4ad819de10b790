package io.stowage.spi;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;

/**
 * The order DynamoDB sorts key values in: numbers numerically, strings and binaries by
 * their unsigned bytes (UTF-8 for strings). Useful to providers that sort themselves.
 *
 * <pre>{@code
 * items.sort(Comparator.comparing(i -> i.get("sk"), KeyOrder.COMPARATOR));
 * }</pre>
 */
public final class KeyOrder {

    /** Compares two key values of the same type. */
    public static final Comparator<AttributeValue> COMPARATOR = KeyOrder::compare;

    private KeyOrder() {
    }

    /**
     * Compares two scalar key values.
     *
     * @throws IllegalArgumentException if the types differ or are not S, N or B
     */
    public static int compare(AttributeValue a, AttributeValue b) {
        if (a.type() != b.type()) {
            throw new IllegalArgumentException("Cannot compare a " + a.type() + " with a " + b.type());
        }
        switch (a.type()) {
            case N:
                return new BigDecimal(a.n()).compareTo(new BigDecimal(b.n()));
            case S:
                return Arrays.compareUnsigned(a.s().getBytes(StandardCharsets.UTF_8), b.s().getBytes(StandardCharsets.UTF_8));
            case B:
                return Arrays.compareUnsigned(a.b(), b.b());
            default:
                throw new IllegalArgumentException("Key values must be S, N or B, not " + a.type());
        }
    }
}
