package io.stowage.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * A condition on the sort key of a query, as in DynamoDB's key condition expressions.
 *
 * <pre>{@code
 * SortKeyCondition since2024 = SortKeyCondition.greaterThanOrEqual(AttributeValue.fromS("2024-"));
 * SortKeyCondition versions = SortKeyCondition.beginsWith("v");
 * }</pre>
 */
public final class SortKeyCondition {

    /**
     * The comparison. Providers switch on it to build their own key condition; only
     * {@code BETWEEN} uses {@link SortKeyCondition#upper()}.
     *
     * <pre>{@code
     * String expression = switch (condition.operator()) {
     *     case EQ -> "sk = :v";
     *     case LT -> "sk < :v";
     *     case LE -> "sk <= :v";
     *     case GT -> "sk > :v";
     *     case GE -> "sk >= :v";
     *     case BETWEEN -> "sk BETWEEN :v AND :upper";
     *     case BEGINS_WITH -> "begins_with(sk, :v)";
     * };
     * }</pre>
     */
    public enum Operator { EQ, LT, LE, GT, GE, BETWEEN, BEGINS_WITH }

    private final Operator operator;
    private final AttributeValue value;
    private final AttributeValue upper;

    private SortKeyCondition(Operator operator, AttributeValue value, AttributeValue upper) {
        this.operator = operator;
        this.value = Objects.requireNonNull(value, "value");
        this.upper = upper;
    }

    public static SortKeyCondition equalTo(AttributeValue v) {
        return new SortKeyCondition(Operator.EQ, v, null);
    }

    public static SortKeyCondition lessThan(AttributeValue v) {
        return new SortKeyCondition(Operator.LT, v, null);
    }

    public static SortKeyCondition lessThanOrEqual(AttributeValue v) {
        return new SortKeyCondition(Operator.LE, v, null);
    }

    public static SortKeyCondition greaterThan(AttributeValue v) {
        return new SortKeyCondition(Operator.GT, v, null);
    }

    public static SortKeyCondition greaterThanOrEqual(AttributeValue v) {
        return new SortKeyCondition(Operator.GE, v, null);
    }

    /** Both bounds included. */
    public static SortKeyCondition between(AttributeValue low, AttributeValue high) {
        return new SortKeyCondition(Operator.BETWEEN, low, Objects.requireNonNull(high, "high"));
    }

    public static SortKeyCondition beginsWith(String prefix) {
        return new SortKeyCondition(Operator.BEGINS_WITH, AttributeValue.fromS(prefix), null);
    }

    public Operator operator() {
        return operator;
    }

    /** The value compared with (the lower bound for BETWEEN, the prefix for BEGINS_WITH). */
    public AttributeValue value() {
        return value;
    }

    /** The upper bound of BETWEEN. */
    public Optional<AttributeValue> upper() {
        return Optional.ofNullable(upper);
    }

    /** Whether a sort-key value satisfies this condition, with DynamoDB's ordering. */
    public boolean test(AttributeValue sortKeyValue) {
        if (sortKeyValue == null) {
            return false;
        }
        switch (operator) {
            case EQ:
                return KeyOrder.compare(sortKeyValue, value) == 0;
            case LT:
                return KeyOrder.compare(sortKeyValue, value) < 0;
            case LE:
                return KeyOrder.compare(sortKeyValue, value) <= 0;
            case GT:
                return KeyOrder.compare(sortKeyValue, value) > 0;
            case GE:
                return KeyOrder.compare(sortKeyValue, value) >= 0;
            case BETWEEN:
                return KeyOrder.compare(sortKeyValue, value) >= 0 && KeyOrder.compare(sortKeyValue, upper) <= 0;
            case BEGINS_WITH:
                return sortKeyValue.type() == AttributeValue.Type.S && sortKeyValue.s().startsWith(value.s());
            default:
                throw new AssertionError(operator);
        }
    }

    @Override
    public String toString() {
        return "sk " + operator + " " + value + (upper == null ? "" : " AND " + upper);
    }
}
