package io.stowage.tck.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ThreadWatchTest {

    @Test
    void aThreadSeenOnceIsWatchedAfterItIsRenamed() throws InterruptedException {
        ThreadWatch watch = ThreadWatch.start("watched-");
        CountDownLatch renamed = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch seen = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            awaitQuietly(seen);
            Thread.currentThread().setName("busy-with-a-call");
            renamed.countDown();
            awaitQuietly(release);
        }, "watched-1");
        t.start();
        try {
            assertThat(watch.startedSince()).containsExactly(t);
            seen.countDown();
            renamed.await();

            assertThat(watch.stillAliveAfter(Duration.ofMillis(50))).containsExactly("busy-with-a-call");
        } finally {
            release.countDown();
            t.join();
        }
        assertThat(watch.stillAliveAfter(Duration.ofSeconds(5))).isEmpty();
    }

    @Test
    void awaitStartedWaitsForAThreadToTakeAWatchedName() throws InterruptedException {
        ThreadWatch watch = ThreadWatch.start("watched-");
        CountDownLatch checked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            awaitQuietly(checked);
            // Renamed a little after awaitStarted begins, so that it has to wait; the assertion
            // does not depend on this pause, which only makes the waiting path the one taken.
            sleepQuietly(200);
            Thread.currentThread().setName("watched-2");
            awaitQuietly(release);
        }, "not-yet-named");
        t.start();
        try {
            assertThat(watch.startedSince()).isEmpty();
            checked.countDown();
            assertThat(watch.awaitStarted(Duration.ofSeconds(10))).containsExactly(t);
        } finally {
            release.countDown();
            t.join();
        }
    }

    @Test
    void aThreadAliveBeforeTheWatchIsNotCountedWhenItTakesAWatchedName() throws InterruptedException {
        CountDownLatch watching = new CountDownLatch(1);
        CountDownLatch named = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            awaitQuietly(watching);
            Thread.currentThread().setName("watched-3");
            named.countDown();
            awaitQuietly(release);
        }, "older-thread");
        t.start();
        ThreadWatch watch = ThreadWatch.start("watched-");
        try {
            watching.countDown();
            named.await();
            assertThat(watch.startedSince()).isEmpty();
        } finally {
            release.countDown();
            t.join();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
