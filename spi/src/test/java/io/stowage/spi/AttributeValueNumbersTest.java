package io.stowage.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** {@link AttributeValue#fromN} checks numbers by hand; it must agree with {@code BigDecimal} on ASCII text. */
class AttributeValueNumbersTest {

    @Test
    void numbersDynamoDbWritesAreAccepted() {
        for (String n : List.of("0", "-0", "+1", "42", "1.5", "-12.3400", ".5", "5.", "1E+2", "15e-1", "1E-130",
                "9.9999999999999999999999999999999999999E+125", "123456789012345678901234567890")) {
            assertThat(AttributeValue.fromN(n).n()).as(n).isEqualTo(n);
        }
    }

    @Test
    void theSizeOfANumberCountsItsSignificantDigitsAsBigDecimalDoes() {
        Random random = new Random(11);
        String digits = "0000123456789";
        for (int i = 0; i < 100_000; i++) {
            String[] signs = {"", "+", "-"};
            StringBuilder mantissa = new StringBuilder();
            int length = 1 + random.nextInt(40);
            for (int c = 0; c < length; c++) {
                mantissa.append(digits.charAt(random.nextInt(digits.length())));
            }
            if (random.nextBoolean()) {
                // Anywhere, the very start (".5") and the very end ("5.") included.
                mantissa.insert(random.nextInt(length + 1), '.');
            }
            StringBuilder text = new StringBuilder(signs[random.nextInt(3)]).append(mantissa);
            if (random.nextInt(4) == 0) {
                text.append(random.nextBoolean() ? 'E' : 'e').append(signs[random.nextInt(3)]).append(random.nextInt(100));
            }
            String n = text.toString();
            String significant = new BigDecimal(n).unscaledValue().abs().toString().replaceFirst("^0+(?=.)", "")
                    .replaceFirst("0+$", "");
            long expected = (Math.max(1, significant.length()) + 1) / 2 + 1;
            assertThat(AttributeValue.numberSize(n)).as("size of %s", n).isEqualTo(expected);
        }
    }

    @Test
    void textThatIsNotANumberIsRefusedNamingIt() {
        for (String n : List.of("", "-", "+", ".", "e5", "1e", "1e+", "1.2.3", "1,5", " 1", "1 ", "0x10", "NaN",
                "Infinity", "1e1234567890", "١٢", "--1", "1-")) {
            assertThatThrownBy(() -> AttributeValue.fromN(n)).as("'%s'", n).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + n + "'");
        }
    }

    @Test
    void agreesWithBigDecimalOnRandomAsciiText() {
        Random random = new Random(7);
        String alphabet = "0123456789+-.eE";
        for (int i = 0; i < 200_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = 1 + random.nextInt(8);
            for (int c = 0; c < length; c++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String n = text.toString();
            boolean big;
            try {
                new BigDecimal(n);
                big = true;
            } catch (NumberFormatException e) {
                big = false;
            }
            boolean ours;
            try {
                AttributeValue.fromN(n);
                ours = true;
            } catch (IllegalArgumentException e) {
                ours = false;
            }
            assertThat(ours).as("'%s'", n).isEqualTo(big);
        }
    }
}
