package io.stowage.s3support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

class StoreCallsTest {

    private static MappedException mapped(Throwable e) {
        return new MappedException("mapped: " + Failures.unwrap(e).getMessage());
    }

    @Test
    void aFailureToStartFailsTheFutureInsteadOfThrowing() {
        CompletableFuture<String> f = StoreCalls.call(() -> {
            throw new IllegalArgumentException("bad bucket");
        }, StoreCallsTest::mapped);
        assertThat(f).isCompletedExceptionally();
        assertThat(f.handle((v, e) -> e).join()).isInstanceOf(MappedException.class).hasMessage("mapped: bad bucket");
    }

    @Test
    void aFailedFutureIsMappedAndAValuePassesThrough() {
        CompletableFuture<String> failed = StoreCalls.call(
                () -> CompletableFuture.failedFuture(new CompletionException(new IllegalStateException("late"))),
                StoreCallsTest::mapped);
        assertThat(failed.handle((v, e) -> e).join()).isInstanceOf(MappedException.class).hasMessage("mapped: late");
        assertThat(StoreCalls.call(() -> CompletableFuture.completedFuture("ok"), StoreCallsTest::mapped).join())
                .isEqualTo("ok");
    }

    @Test
    void aMapperThatFailsStillCompletesTheFutureWithTheOriginalFailure() {
        IllegalStateException original = new IllegalStateException("late");
        CompletableFuture<String> f = StoreCalls.call(() -> CompletableFuture.failedFuture(original), e -> {
            throw new IllegalArgumentException("mapper broke");
        });
        Throwable failure = f.handle((v, e) -> e).join();
        assertThat(failure).isSameAs(original);
        assertThat(failure.getSuppressed()).extracting(Throwable::getMessage).containsExactly("mapper broke");
    }

    private static final class MappedException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        MappedException(String message) {
            super(message);
        }
    }
}
