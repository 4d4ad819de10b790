package io.stowage.provider.dynamodb.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.stowage.spi.AttributeValue;
import io.stowage.spi.ItemCondition;
import io.stowage.spi.SortKeyCondition;

/**
 * Renders conditions as DynamoDB expressions in which every attribute name and value is a
 * placeholder ({@code #n0}, {@code :v0}): names are never inlined, because any name may be
 * one of DynamoDB's reserved words ({@code name}, {@code size}, {@code status}, ...) or hold
 * characters an expression cannot. One instance builds the expressions of one request.
 *
 * <pre>{@code
 * Expressions x = new Expressions();
 * String condition = x.condition(ItemCondition.attributeNotExists("pk"));
 * request.conditionExpression(condition).expressionAttributeNames(x.names());
 * }</pre>
 */
public final class Expressions {

    private final Map<String, String> names = new LinkedHashMap<>();
    private final Map<String, String> placeholderByName = new LinkedHashMap<>();
    private final Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> values = new LinkedHashMap<>();

    /** A condition expression for a put or delete. */
    public String condition(ItemCondition c) {
        switch (c.kind()) {
            case ATTRIBUTE_EXISTS:
                return "attribute_exists(" + name(c.attribute()) + ")";
            case ATTRIBUTE_NOT_EXISTS:
                return "attribute_not_exists(" + name(c.attribute()) + ")";
            case EQUALS:
                return name(c.attribute()) + (c.member() == null ? "" : "." + name(c.member())) + " = " + value(c.value());
            case AND: {
                StringBuilder sb = new StringBuilder();
                for (ItemCondition part : c.conditions()) {
                    if (sb.length() > 0) {
                        sb.append(" AND ");
                    }
                    sb.append('(').append(condition(part)).append(')');
                }
                return sb.toString();
            }
            default:
                throw new IllegalArgumentException("Unknown condition kind " + c.kind());
        }
    }

    /** A key condition expression: the partition key, and the sort-key condition when given. */
    public String keyCondition(String partitionKey, AttributeValue partitionValue, String sortKey, SortKeyCondition sk) {
        String pk = name(partitionKey) + " = " + value(partitionValue);
        if (sk == null) {
            return pk;
        }
        String s = name(sortKey);
        String v = value(sk.value());
        String skExpression;
        switch (sk.operator()) {
            case EQ:
                skExpression = s + " = " + v;
                break;
            case LT:
                skExpression = s + " < " + v;
                break;
            case LE:
                skExpression = s + " <= " + v;
                break;
            case GT:
                skExpression = s + " > " + v;
                break;
            case GE:
                skExpression = s + " >= " + v;
                break;
            case BETWEEN:
                skExpression = s + " BETWEEN " + v + " AND " + value(sk.upper().orElseThrow());
                break;
            case BEGINS_WITH:
                skExpression = "begins_with(" + s + ", " + v + ")";
                break;
            default:
                throw new IllegalArgumentException("Unknown sort key operator " + sk.operator());
        }
        return pk + " AND " + skExpression;
    }

    /** The names placeholders stand for ({@code #n0 -> name}). */
    public Map<String, String> names() {
        return Collections.unmodifiableMap(names);
    }

    /** The values placeholders stand for; {@code null} when there are none, as the SDK wants. */
    public Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> values() {
        return values.isEmpty() ? null : Collections.unmodifiableMap(values);
    }

    private String name(String attribute) {
        return placeholderByName.computeIfAbsent(attribute, a -> {
            String placeholder = "#n" + names.size();
            names.put(placeholder, a);
            return placeholder;
        });
    }

    private String value(AttributeValue v) {
        String placeholder = ":v" + values.size();
        values.put(placeholder, AttributeValues.toSdk(v));
        return placeholder;
    }
}
