package io.stowage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.ModelException;
import io.stowage.S3File;

import org.junit.jupiter.api.Test;

/** {@code S3File.wrap} hands the caller's array to the upload; {@code S3File.of} copies it. */
class WrappedBytesTest {

    @Test
    void wrapUploadsTheCallersArrayAndOfACopy() {
        byte[] data = {1, 2, 3};
        assertThat(PendingFile.contentOf(S3File.wrap(data, "a.bin")).join().content().bytes()).isSameAs(data);
        byte[] copied = PendingFile.contentOf(S3File.of(data, "a.bin")).join().content().bytes();
        assertThat(copied).isEqualTo(data).isNotSameAs(data);
        assertThat(S3File.wrap(data, "a.bin").size()).isEqualTo(3);
    }

    @Test
    void wrapRefusesWhatOfRefuses() {
        assertThatThrownBy(() -> S3File.wrap(null, "a.bin")).isInstanceOf(ModelException.class)
                .hasMessageContaining("S3File.wrap(byte[], name): data is null");
        assertThatThrownBy(() -> S3File.wrap(new byte[0], null)).isInstanceOf(ModelException.class);
    }
}
