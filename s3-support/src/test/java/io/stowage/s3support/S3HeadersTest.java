package io.stowage.s3support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class S3HeadersTest {

    @Test
    void etagsAreQuotedOnce() {
        assertThat(S3Headers.quoteEtag("abc")).isEqualTo("\"abc\"");
        assertThat(S3Headers.quoteEtag("\"abc\"")).isEqualTo("\"abc\"");
        assertThat(S3Headers.quoteEtag("W/\"abc\"")).isEqualTo("W/\"abc\"");
        assertThat(S3Headers.quoteEtag("*")).isEqualTo("*");
    }

    @Test
    void objectSizeFromContentRangeElseLength() {
        assertThat(S3Headers.objectSize("bytes 0-99/1234", 100)).isEqualTo(1234);
        assertThat(S3Headers.objectSize("bytes 0-99/*", 100)).isEqualTo(100);
        assertThat(S3Headers.objectSize("bytes 0-99/lots", 100)).isEqualTo(100);
        assertThat(S3Headers.objectSize(null, 7)).isEqualTo(7);
    }

    @Test
    void httpDatesAreReadAndAnythingElseIsNoDate() {
        assertThat(S3Headers.httpDate("Mon, 07 Dec 2026 05:15:26 GMT")).isEqualTo(java.time.Instant.parse("2026-12-07T05:15:26Z"));
        assertThat(S3Headers.httpDate(" Tue, 1 Dec 2026 00:00:00 GMT ")).isEqualTo(java.time.Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(S3Headers.httpDate("Monday, 07-Dec-26 05:15:26 GMT")).as("an obsolete form").isNull();
        assertThat(S3Headers.httpDate("yesterday")).isNull();
        assertThat(S3Headers.httpDate("")).isNull();
        assertThat(S3Headers.httpDate(null)).isNull();
    }

    @Test
    void theLastDateKeptForItsTextNeverAnswersForAnotherText() {
        String a = "Mon, 07 Dec 2026 05:15:26 GMT";
        String b = "Mon, 07 Dec 2026 05:15:27 GMT";
        for (int i = 0; i < 3; i++) {
            assertThat(S3Headers.httpDate(a)).as("%s, round %s", a, i).isEqualTo(java.time.Instant.parse("2026-12-07T05:15:26Z"));
            assertThat(S3Headers.httpDate(a)).as("%s again", a).isEqualTo(java.time.Instant.parse("2026-12-07T05:15:26Z"));
            assertThat(S3Headers.httpDate(b)).as("%s, round %s", b, i).isEqualTo(java.time.Instant.parse("2026-12-07T05:15:27Z"));
            assertThat(S3Headers.httpDate("not a date")).as("no date between dates").isNull();
        }
    }
}
