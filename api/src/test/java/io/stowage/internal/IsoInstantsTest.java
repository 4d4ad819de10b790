package io.stowage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * {@link IsoInstants} must give {@link Instant#parse}'s answer, and its errors, for every text,
 * and write every instant as {@link Instant#toString()} does.
 */
class IsoInstantsTest {

    @Test
    void everyInstantReadsBackAsInstantToStringWroteIt() {
        Random random = new Random(11);
        long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 100_000; i++) {
            long seconds = (long) (random.nextDouble() * max);
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant at = Instant.ofEpochSecond(seconds, nanos);
            assertThat(IsoInstants.parse(at.toString())).as(at.toString()).isEqualTo(at);
        }
    }

    @Test
    void everyInstantIsWrittenAsInstantToStringWritesIt() {
        Random random = new Random(12);
        long min = Instant.parse("-0001-06-01T00:00:00Z").getEpochSecond();
        long max = Instant.parse("+10000-06-01T00:00:00Z").getEpochSecond();
        for (int i = 0; i < 100_000; i++) {
            long seconds = min + (long) (random.nextDouble() * (max - min));
            int nanos = switch (i % 5) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                case 3 -> random.nextInt(10) * 100_000_000 + random.nextInt(2);
                default -> random.nextInt(1_000_000_000);
            };
            Instant at = Instant.ofEpochSecond(seconds, nanos);
            assertThat(IsoInstants.format(at)).isEqualTo(at.toString());
        }
        for (Instant edge : List.of(Instant.EPOCH, Instant.MIN, Instant.MAX, Instant.parse("0000-01-01T00:00:00Z"),
                Instant.parse("0000-01-01T00:00:00Z").minusNanos(1), Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z").plusNanos(1), Instant.ofEpochSecond(-1, 1),
                Instant.parse("2024-02-29T23:59:59.001Z"), Instant.parse("2024-06-01T12:34:56.000001Z"))) {
            assertThat(IsoInstants.format(edge)).isEqualTo(edge.toString());
        }
    }

    @Test
    void otherFormsAndBadTextGetInstantParsesAnswer() {
        for (String text : List.of("2024-02-29T00:00:00Z", "2024-06-01T12:34:56.5Z", "2024-06-01T12:34:56.123456789Z",
                "+12024-06-01T00:00:00Z", "2024-06-01T12:34:56+02:00", "1970-01-01T00:00:00Z", "0000-01-01T00:00:00Z",
                "2023-02-29T00:00:00Z", "2024-04-31T00:00:00Z", "2024-13-01T00:00:00Z", "2024-06-01T24:00:00Z",
                "2024-06-01T12:60:00Z", "2024-06-01T12:34:56.Z", "2024-06-01T12:34:56.1234567890Z", "2024-06-01 12:34:56Z",
                "2024-06-0１T12:34:56Z", "not a date", "")) {
            Object expected;
            try {
                expected = Instant.parse(text);
            } catch (DateTimeParseException e) {
                expected = DateTimeParseException.class;
            }
            Object actual;
            try {
                actual = IsoInstants.parse(text);
            } catch (DateTimeParseException e) {
                actual = DateTimeParseException.class;
            }
            assertThat(actual).as("'%s'", text).isEqualTo(expected);
        }
        assertThat(catchThrowable(() -> IsoInstants.parse("2023-02-29T00:00:00Z"))).isInstanceOf(DateTimeParseException.class);
    }
}
