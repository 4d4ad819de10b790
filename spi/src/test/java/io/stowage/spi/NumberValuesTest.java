package io.stowage.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

class NumberValuesTest {

    @Test
    void equalNumbersHaveOneCanonicalText() {
        assertThat(NumberValues.canonical("1.50")).isEqualTo("1.5");
        assertThat(NumberValues.canonical("15E-1")).isEqualTo("1.5");
        assertThat(NumberValues.canonical("1E+2")).isEqualTo("100");
        assertThat(NumberValues.canonical("100")).isEqualTo("100");
        assertThat(NumberValues.canonical("-0.00")).isEqualTo("0");
        assertThat(NumberValues.canonical(" 42 ")).isEqualTo("42");
        assertThat(NumberValues.canonical(new BigDecimal("-12.3400"))).isEqualTo("-12.34");
    }

    @Test
    void dynamoDbsLimitsAreInclusiveWhereItsAreAndRefusedBeyond() {
        assertThat(NumberValues.canonical("1E-130")).startsWith("0.000").endsWith("1");
        assertThat(NumberValues.canonical("9.9999999999999999999999999999999999999E+125")).hasSize(126);
        assertThatThrownBy(() -> NumberValues.canonical("1E+126")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1E+126").hasMessageContaining("range");
        assertThatThrownBy(() -> NumberValues.canonical("9E-131")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NumberValues.canonical("1.23456789012345678901234567890123456789"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("39 significant digits");
        assertThatThrownBy(() -> NumberValues.canonical("twelve")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'twelve' is not a number");
        assertThatThrownBy(() -> NumberValues.canonical((String) null)).isInstanceOf(IllegalArgumentException.class);
    }
}
