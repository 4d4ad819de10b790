package io.stowage.s3support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import io.stowage.spi.IoFailures;
import io.stowage.spi.StoreErrorCode;
import io.stowage.spi.StoreException;
import org.junit.jupiter.api.Test;

class FailuresTest {

    @Test
    void unwrapRemovesFutureLayersOnly() {
        IOException cause = new IOException("disk");
        assertThat(Failures.unwrap(new CompletionException(new ExecutionException(cause)))).isSameAs(cause);
        RuntimeException plain = new RuntimeException(cause);
        assertThat(Failures.unwrap(plain)).isSameAs(plain);
        CompletionException empty = new CompletionException("no cause", null);
        assertThat(Failures.unwrap(empty)).isSameAs(empty);
    }

    @Test
    void findLooksNoDeeperThanTheLimit() {
        IOException bottom = new IOException("bottom");
        Throwable t = bottom;
        for (int i = 1; i < Failures.MAX_CAUSE_DEPTH; i++) {
            t = new RuntimeException("layer " + i, t);
        }
        assertThat(Failures.find(t, IOException.class)).isSameAs(bottom);
        assertThat(Failures.find(new RuntimeException(t), IOException.class)).isNull();
        assertThat(Failures.find(t, IllegalStateException.class)).isNull();
    }

    @Test
    void anyCauseEndsOnACycle() {
        Throwable a = new RuntimeException("a");
        Throwable b = new RuntimeException("b", a);
        a.initCause(b);
        assertThat(IoFailures.anyCause(b, c -> false)).isFalse();
        assertThat(IoFailures.anyCause(b, c -> "a".equals(c.getMessage()))).isTrue();
    }

    @Test
    void rootMessageAddsTheDeepestCauseWhenItSaysMore() {
        assertThat(Failures.rootMessage(new RuntimeException("Unable to execute", new IOException("Broken pipe"))))
                .isEqualTo("Unable to execute: Broken pipe");
        assertThat(Failures.rootMessage(new RuntimeException("failed: Broken pipe", new IOException("Broken pipe"))))
                .isEqualTo("failed: Broken pipe");
        assertThat(Failures.rootMessage(new RuntimeException(new IOException("Broken pipe"))))
                .isEqualTo("java.io.IOException: Broken pipe");
        assertThat(Failures.rootMessage(new IllegalStateException())).isEqualTo("IllegalStateException");
    }

    @Test
    void alreadyMappedFailuresKeepTheirResource() {
        StoreException own = new StoreException(StoreErrorCode.UNSUPPORTED, "no").withBucket("theirs");
        StoreException named = Failures.alreadyMapped(own, "b", "k");
        assertThat(named.bucket()).isEqualTo("theirs");
        assertThat(named.key()).isEqualTo("k");
        assertThat(own.key()).as("the original is immutable").isNull();
        assertThat(Failures.alreadyMapped(named, "b", "k")).isSameAs(named);
        assertThat(Failures.alreadyMapped(new IOException("raw"), "b", "k")).isNull();
    }
}
