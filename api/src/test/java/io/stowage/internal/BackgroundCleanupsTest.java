package io.stowage.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** Background clean-ups are bounded, waited for at close, and refused once closing. */
class BackgroundCleanupsTest {

    @Test
    void pastTheBoundTheCallerRunsItsOwnCleanup() {
        BackgroundCleanups cleanups = new BackgroundCleanups();
        List<CompletableFuture<Void>> held = new ArrayList<>();
        for (int i = 0; i < BackgroundCleanups.MAX_RUNNING; i++) {
            CompletableFuture<Void> f = new CompletableFuture<>();
            held.add(f);
            assertThat(cleanups.tryStart(() -> f)).as("cleanup %d", i).isTrue();
        }
        assertThat(cleanups.tryStart(CompletableFuture::new)).as("one past the bound").isFalse();
        held.get(0).complete(null);
        assertThat(cleanups.running()).isEqualTo(BackgroundCleanups.MAX_RUNNING - 1);
        assertThat(cleanups.tryStart(() -> CompletableFuture.completedFuture(null))).as("a permit freed").isTrue();
        held.forEach(f -> f.complete(null));
        assertThat(cleanups.running()).isZero();
    }

    @Test
    void closeWaitsForThoseRunningAndRefusesLaterOnes() throws Exception {
        BackgroundCleanups cleanups = new BackgroundCleanups();
        CompletableFuture<Void> held = new CompletableFuture<>();
        assertThat(cleanups.tryStart(() -> held)).isTrue();
        CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> cleanups.close(Duration.ofSeconds(30)));
        CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS).execute(() -> held.complete(null));
        closing.get(30, TimeUnit.SECONDS);
        assertThat(held).as("close() returned only after the running cleanup ended").isDone();
        assertThat(cleanups.tryStart(() -> CompletableFuture.completedFuture(null))).as("after close").isFalse();
    }

    @Test
    void aCleanupThatThrowsCountsAsFailedAndFreesItsPermit() {
        BackgroundCleanups cleanups = new BackgroundCleanups();
        for (int i = 0; i < BackgroundCleanups.MAX_RUNNING + 5; i++) {
            assertThat(cleanups.tryStart(() -> {
                throw new IllegalStateException("bug");
            })).isTrue();
        }
        assertThat(cleanups.running()).isZero();
    }

    @Test
    void closeGivesUpAfterItsLimit() {
        BackgroundCleanups cleanups = new BackgroundCleanups();
        assertThat(cleanups.tryStart(CompletableFuture::new)).isTrue();
        long t0 = System.nanoTime();
        cleanups.close(Duration.ofMillis(100));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("close() with a cleanup that never ends")
                .isLessThan(Duration.ofSeconds(20));
    }
}
