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
}
