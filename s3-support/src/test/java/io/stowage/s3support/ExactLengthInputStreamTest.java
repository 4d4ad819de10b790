package io.stowage.s3support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import org.junit.jupiter.api.Test;

class ExactLengthInputStreamTest {

    private static ExactLengthInputStream of(int actual, long declared) {
        return new ExactLengthInputStream(new ByteArrayInputStream(new byte[actual]), declared);
    }

    @Test
    void aStreamOfTheDeclaredLengthReadsThrough() throws IOException {
        try (ExactLengthInputStream in = of(10, 10)) {
            assertThat(in.readAllBytes()).hasSize(10);
        }
    }

    @Test
    void aShorterStreamFails() {
        assertThatThrownBy(() -> of(3, 5).readAllBytes())
                .isInstanceOf(ExactLengthInputStream.LengthMismatchException.class)
                .hasMessageContaining("ended after 3 bytes").hasMessageContaining("declared length of 5");
    }

    @Test
    void aLongerStreamFailsBeforeItsLastDeclaredBytesAreHandedOver() throws IOException {
        ExactLengthInputStream in = of(6, 5);
        byte[] buffer = new byte[5];
        assertThat(in.read(buffer, 0, 4)).isEqualTo(4);
        assertThatThrownBy(() -> in.read(buffer, 0, 1))
                .isInstanceOf(ExactLengthInputStream.LengthMismatchException.class)
                .hasMessageContaining("longer than its declared length of 5");
    }

    @Test
    void requireEmptyChecksADeclaredEmptyStreamWithoutReadingIt() throws IOException {
        of(0, 0).requireEmpty();
        of(3, 5).requireEmpty();
        assertThatThrownBy(() -> of(1, 0).requireEmpty())
                .isInstanceOf(ExactLengthInputStream.LengthMismatchException.class);
    }

    @Test
    void neitherSkipsNorMarks() throws IOException {
        ExactLengthInputStream in = of(5, 5);
        assertThat(in.skip(3)).isZero();
        assertThat(in.markSupported()).isFalse();
        assertThatThrownBy(() -> of(0, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
