package io.stowage.provider.dynamodb.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.stowage.spi.AttributeValue;
import io.stowage.spi.ItemCondition;
import io.stowage.spi.SortKeyCondition;
import org.junit.jupiter.api.Test;

class ExpressionsTest {

    @Test
    void namesAreNeverInlinedAndRepeatedNamesShareAPlaceholder() {
        Expressions x = new Expressions();

        String expression = x.condition(ItemCondition.and(
                ItemCondition.attributeExists("name"),
                ItemCondition.equalTo("name", AttributeValue.fromS("a")),
                ItemCondition.attributeNotExists("size")));

        assertThat(expression).isEqualTo("(attribute_exists(#n0)) AND (#n0 = :v0) AND (attribute_not_exists(#n1))");
        assertThat(x.names()).isEqualTo(Map.of("#n0", "name", "#n1", "size"));
        assertThat(x.values()).containsOnlyKeys(":v0");
    }

    @Test
    void conditionsWithoutValuesHaveNoValueMap() {
        Expressions x = new Expressions();
        x.condition(ItemCondition.attributeNotExists("pk"));

        assertThat(x.values()).isNull();
    }

    @Test
    void keyConditionsCoverEveryOperator() {
        AttributeValue v = AttributeValue.fromS("m");
        assertThat(key(null)).isEqualTo("#n0 = :v0");
        assertThat(key(SortKeyCondition.equalTo(v))).isEqualTo("#n0 = :v0 AND #n1 = :v1");
        assertThat(key(SortKeyCondition.lessThan(v))).isEqualTo("#n0 = :v0 AND #n1 < :v1");
        assertThat(key(SortKeyCondition.lessThanOrEqual(v))).isEqualTo("#n0 = :v0 AND #n1 <= :v1");
        assertThat(key(SortKeyCondition.greaterThan(v))).isEqualTo("#n0 = :v0 AND #n1 > :v1");
        assertThat(key(SortKeyCondition.greaterThanOrEqual(v))).isEqualTo("#n0 = :v0 AND #n1 >= :v1");
        assertThat(key(SortKeyCondition.between(v, AttributeValue.fromS("z"))))
                .isEqualTo("#n0 = :v0 AND #n1 BETWEEN :v1 AND :v2");
        assertThat(key(SortKeyCondition.beginsWith("v"))).isEqualTo("#n0 = :v0 AND begins_with(#n1, :v1)");
    }

    private static String key(SortKeyCondition sk) {
        return new Expressions().keyCondition("pk", AttributeValue.fromS("p"), "sk", sk);
    }
}
