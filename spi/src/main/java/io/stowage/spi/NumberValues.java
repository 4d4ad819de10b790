package io.stowage.spi;

import java.math.BigDecimal;

/**
 * The rules item stores apply to numbers ({@code N} values), as DynamoDB does: at most 38
 * significant digits, a magnitude of zero or from 1E-130 up to (not including) 1E+126,
 * and one canonical form, so that {@code 1.50}, {@code 1.5} and {@code 15E-1} are the same
 * number and read back as {@code 1.5}. The API checks numbers with it before anything is
 * uploaded; in-memory stores normalise with it as DynamoDB does.
 *
 * <pre>{@code
 * NumberValues.canonical("1.50");   // "1.5"
 * NumberValues.canonical("1E+2");   // "100"
 * NumberValues.canonical("1E+126"); // IllegalArgumentException: out of DynamoDB's range
 * }</pre>
 */
public final class NumberValues {

    /** DynamoDB keeps up to 38 significant digits. */
    public static final int MAX_PRECISION = 38;

    private static final BigDecimal SMALLEST = new BigDecimal("1E-130");
    private static final BigDecimal TOO_LARGE = new BigDecimal("1E+126");

    private NumberValues() {
    }

    /**
     * The canonical text of a number, as DynamoDB returns it.
     *
     * @throws IllegalArgumentException naming the value when it is not a number, has more
     *         than 38 significant digits, or lies outside DynamoDB's range
     */
    public static String canonical(String number) {
        BigDecimal value;
        try {
            value = new BigDecimal(number == null ? "" : number.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + number + "' is not a number", e);
        }
        return canonical(value);
    }

    /** As {@link #canonical(String)}, for a {@link BigDecimal}. */
    public static String canonical(BigDecimal value) {
        if (value.signum() == 0) {
            return "0";
        }
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.precision() > MAX_PRECISION) {
            throw new IllegalArgumentException("The number " + abbreviate(value) + " has " + stripped.precision()
                    + " significant digits; DynamoDB keeps at most " + MAX_PRECISION);
        }
        BigDecimal magnitude = stripped.abs();
        if (magnitude.compareTo(SMALLEST) < 0 || magnitude.compareTo(TOO_LARGE) >= 0) {
            throw new IllegalArgumentException("The number " + abbreviate(value)
                    + " is outside DynamoDB's range (1E-130 to 9.99...E+125 in magnitude, or 0)");
        }
        return stripped.toPlainString();
    }

    private static String abbreviate(BigDecimal value) {
        String text = value.toString();
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
