package io.stowage.s3support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class S3PartSizesTest {

    private static final long MIB = 1024 * 1024;
    private static final long TIB = 1024L * 1024 * MIB;

    @Test
    void configuredSizeWhileTenThousandPartsSuffice() {
        assertThat(S3PartSizes.partSizeFor(64 * MIB, 8 * MIB)).isEqualTo(8 * MIB);
        assertThat(S3PartSizes.partSizeFor(10_000 * 8 * MIB, 8 * MIB)).isEqualTo(8 * MIB);
        assertThat(S3PartSizes.partSizeFor(-1, 8 * MIB)).isEqualTo(8 * MIB);
    }

    @Test
    void fiveTebibytesFitInTenThousandParts() {
        long part = S3PartSizes.partSizeFor(5 * TIB, 8 * MIB);
        assertThat(S3PartSizes.partCount(5 * TIB, part)).isLessThanOrEqualTo(10_000);
        assertThat(part).isEqualTo((5 * TIB + 9_999) / 10_000);
    }

    @Test
    void neverBelowSMinimum() {
        assertThat(S3PartSizes.partSizeFor(1, 1)).isEqualTo(5 * MIB);
        assertThat(S3PartSizes.partCount(0, 5 * MIB)).isEqualTo(1);
    }

    @Test
    void multipartSettingsBelowSMinimumAreRefused() {
        assertThat(S3PartSizes.multipartProblem(5 * MIB, 5 * MIB)).isNull();
        assertThat(S3PartSizes.multipartProblem(5 * MIB - 1, 8 * MIB)).contains("at least 5 MiB");
        assertThat(S3PartSizes.multipartProblem(8 * MIB, MIB)).contains("at least 5 MiB");
        assertThat(S3PartSizes.multipartProblem(8 * MIB, 6L * 1024 * MIB)).contains("at most 5 GiB");
    }
}
