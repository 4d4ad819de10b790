package io.stowage.spi.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class S3RequestsTest {

    @Test
    void bucketMustHaveText() {
        S3Requests.requireBucket("docs");
        assertThatThrownBy(() -> S3Requests.requireBucket(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bucket must not be empty");
        assertThatThrownBy(() -> S3Requests.requireBucket(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void listPagesHoldAtMostAThousandKeys() {
        assertThat(S3Requests.listPageSize(0)).isEqualTo(1000);
        assertThat(S3Requests.listPageSize(-5)).isEqualTo(1000);
        assertThat(S3Requests.listPageSize(10)).isEqualTo(10);
        assertThat(S3Requests.listPageSize(5000)).isEqualTo(1000);
    }
}
