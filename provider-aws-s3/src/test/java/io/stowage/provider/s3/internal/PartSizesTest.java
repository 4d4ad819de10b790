package io.stowage.provider.s3.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PartSizesTest {

    private static final long MIB = 1024 * 1024;
    private static final long TIB = 1024L * 1024 * MIB;

    @Test
    void configuredSizeWhileTenThousandPartsSuffice() {
        assertThat(PartSizes.partSizeFor(64 * MIB, 8 * MIB)).isEqualTo(8 * MIB);
        assertThat(PartSizes.partSizeFor(10_000 * 8 * MIB, 8 * MIB)).isEqualTo(8 * MIB);
        assertThat(PartSizes.partSizeFor(-1, 8 * MIB)).isEqualTo(8 * MIB);
    }

    @Test
    void fiveTebibytesFitInTenThousandParts() {
        long part = PartSizes.partSizeFor(5 * TIB, 8 * MIB);
        assertThat(PartSizes.partCount(5 * TIB, part)).isLessThanOrEqualTo(10_000);
        assertThat(part).isEqualTo((5 * TIB + 9_999) / 10_000);
    }

    @Test
    void neverBelowSMinimum() {
        assertThat(PartSizes.partSizeFor(1, 1)).isEqualTo(5 * MIB);
        assertThat(PartSizes.partCount(0, 5 * MIB)).isEqualTo(1);
    }
}
