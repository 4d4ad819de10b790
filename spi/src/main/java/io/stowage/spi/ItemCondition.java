package io.stowage.spi;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A condition that must hold on the stored item for a put or delete to happen, as in
 * DynamoDB's condition expressions. A failed condition completes the call with
 * {@link StoreErrorCode#CONDITION_FAILED}.
 *
 * <pre>{@code
 * ItemCondition createOnly = ItemCondition.attributeNotExists("pk");
 * ItemCondition unchanged = ItemCondition.and(
 *         ItemCondition.attributeExists("pk"),
 *         ItemCondition.equalTo("version", AttributeValue.fromN("3")));
 * ItemCondition sameFile = ItemCondition.memberEqualTo("content", "key", AttributeValue.fromS("docs/a.pdf"));
 * }</pre>
 */
public final class ItemCondition {

    /**
     * The kind of test. Providers switch on it to translate a condition into their own
     * expression language; {@link ItemCondition#test(Map)} serves stores that evaluate
     * conditions themselves.
     *
     * <pre>{@code
     * String expression = switch (condition.kind()) {
     *     case ATTRIBUTE_EXISTS -> "attribute_exists(" + condition.attribute() + ")";
     *     case ATTRIBUTE_NOT_EXISTS -> "attribute_not_exists(" + condition.attribute() + ")";
     *     case EQUALS -> condition.attribute() + " = :v";
     *     case AND -> condition.conditions().stream().map(this::translate).collect(Collectors.joining(" AND "));
     * };
     * }</pre>
     */
    public enum Kind { ATTRIBUTE_EXISTS, ATTRIBUTE_NOT_EXISTS, EQUALS, AND }

    private final Kind kind;
    private final String attribute;
    private final String member;
    private final AttributeValue value;
    private final List<ItemCondition> all;

    private ItemCondition(Kind kind, String attribute, String member, AttributeValue value, List<ItemCondition> all) {
        this.kind = kind;
        this.attribute = attribute;
        this.member = member;
        this.value = value;
        this.all = all;
    }

    public static ItemCondition attributeExists(String attribute) {
        return new ItemCondition(Kind.ATTRIBUTE_EXISTS, Objects.requireNonNull(attribute, "attribute"), null, null, List.of());
    }

    public static ItemCondition attributeNotExists(String attribute) {
        return new ItemCondition(Kind.ATTRIBUTE_NOT_EXISTS, Objects.requireNonNull(attribute, "attribute"), null, null,
                List.of());
    }

    public static ItemCondition equalTo(String attribute, AttributeValue value) {
        return new ItemCondition(Kind.EQUALS, Objects.requireNonNull(attribute, "attribute"), null,
                Objects.requireNonNull(value, "value"), List.of());
    }

    /**
     * The member {@code member} of the map attribute {@code attribute} equals {@code value}
     * ({@code attribute.member = :v} in DynamoDB's words); false when the attribute is
     * absent or not a map.
     */
    public static ItemCondition memberEqualTo(String attribute, String member, AttributeValue value) {
        return new ItemCondition(Kind.EQUALS, Objects.requireNonNull(attribute, "attribute"),
                Objects.requireNonNull(member, "member"), Objects.requireNonNull(value, "value"), List.of());
    }

    public static ItemCondition and(ItemCondition... conditions) {
        if (conditions.length == 0) {
            throw new IllegalArgumentException("and() needs at least one condition");
        }
        return new ItemCondition(Kind.AND, null, null, null, List.of(conditions));
    }

    public Kind kind() {
        return kind;
    }

    /** The top-level attribute tested (not for AND). */
    public String attribute() {
        return attribute;
    }

    /** The member of the map {@link #attribute()} tested, or {@code null} when the attribute itself is. */
    public String member() {
        return member;
    }

    /** The value compared with, for EQUALS. */
    public AttributeValue value() {
        return value;
    }

    /** The conditions joined, for AND. */
    public List<ItemCondition> conditions() {
        return all;
    }

    /** Evaluates the condition on a stored item ({@code null} when there is none). */
    public boolean test(Map<String, AttributeValue> item) {
        switch (kind) {
            case ATTRIBUTE_EXISTS:
                return item != null && item.containsKey(attribute);
            case ATTRIBUTE_NOT_EXISTS:
                return item == null || !item.containsKey(attribute);
            case EQUALS:
                return value.equals(tested(item));
            case AND:
                return all.stream().allMatch(c -> c.test(item));
            default:
                throw new AssertionError(kind);
        }
    }

    private AttributeValue tested(Map<String, AttributeValue> item) {
        AttributeValue top = item == null ? null : item.get(attribute);
        if (member == null || top == null) {
            return top;
        }
        return top.type() == AttributeValue.Type.M ? top.m().get(member) : null;
    }

    @Override
    public String toString() {
        switch (kind) {
            case ATTRIBUTE_EXISTS:
                return "attribute_exists(" + attribute + ")";
            case ATTRIBUTE_NOT_EXISTS:
                return "attribute_not_exists(" + attribute + ")";
            case EQUALS:
                return attribute + (member == null ? "" : "." + member) + " = " + value;
            default:
                return all.stream().map(ItemCondition::toString).collect(Collectors.joining(" AND ", "(", ")"));
        }
    }
}
