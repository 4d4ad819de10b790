package io.stowage.provider.inmemory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.stowage.spi.AttributeValue;
import io.stowage.spi.NumberValues;
import io.stowage.spi.StoreErrorCode;
import io.stowage.spi.StoreException;

/**
 * Stores numbers as DynamoDB does: in canonical form ({@code 1.50} reads back as
 * {@code 1.5}), and refuses those it refuses (over 38 digits, out of range), at any depth
 * of maps and lists, so that code tested here does not meet a surprise on DynamoDB.
 *
 * <pre>{@code
 * Map<String, AttributeValue> stored = CanonicalNumbers.of(item, "documents");
 * }</pre>
 */
final class CanonicalNumbers {

    private CanonicalNumbers() {
    }

    /** The item with every number in canonical form; fails with INVALID_INPUT naming the attribute. */
    static Map<String, AttributeValue> of(Map<String, AttributeValue> item, String table) {
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        item.forEach((name, value) -> out.put(name, value(value, name, table)));
        return out;
    }

    private static AttributeValue value(AttributeValue value, String name, String table) {
        switch (value.type()) {
            case N:
                return AttributeValue.fromN(number(value.n(), name, table));
            case NS: {
                Set<String> numbers = new LinkedHashSet<>();
                for (String n : value.ns()) {
                    if (!numbers.add(number(n, name, table))) {
                        throw Failures.invalid("Attribute '" + name + "' holds the number " + n
                                + " twice in a number set (DynamoDB compares them by value); remove the duplicate")
                                .withTable(table);
                    }
                }
                return AttributeValue.fromNs(numbers);
            }
            case M:
                return AttributeValue.fromM(of(value.m(), table));
            case L: {
                List<AttributeValue> items = new ArrayList<>();
                for (AttributeValue element : value.l()) {
                    items.add(value(element, name, table));
                }
                return AttributeValue.fromL(items);
            }
            default:
                return value;
        }
    }

    private static String number(String text, String name, String table) {
        try {
            return NumberValues.canonical(text);
        } catch (IllegalArgumentException e) {
            throw new StoreException(StoreErrorCode.INVALID_INPUT, "Attribute '" + name + "': " + e.getMessage()
                    + "; DynamoDB would refuse it", e).withTable(table);
        }
    }
}
