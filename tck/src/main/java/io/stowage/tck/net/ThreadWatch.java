package io.stowage.tck.net;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which threads a piece of code started, and whether they end: for tests that a store's
 * {@code close()} really releases its clients' threads.
 *
 * <pre>{@code
 * ThreadWatch watch = ThreadWatch.start("stowage-s3-");
 * store.bucketExists("b", null).join();
 * store.close();
 * assertThat(watch.stillAliveAfter(Duration.ofSeconds(10))).isEmpty();
 * }</pre>
 */
public final class ThreadWatch {

    private final List<String> prefixes;
    private final Set<Thread> before;

    private ThreadWatch(List<String> prefixes) {
        this.prefixes = prefixes;
        this.before = threads(prefixes);
    }

    /** Starts watching threads whose name starts with one of {@code prefixes}. */
    public static ThreadWatch start(String... prefixes) {
        return new ThreadWatch(List.of(prefixes));
    }

    /** The watched threads started since {@link #start} that are alive now. */
    public Set<Thread> startedSince() {
        Set<Thread> now = threads(prefixes);
        now.removeAll(before);
        return now;
    }

    /** Waits up to {@code patience} for the threads started since {@link #start} to end; their names if some did not. */
    public Set<String> stillAliveAfter(Duration patience) throws InterruptedException {
        Set<Thread> started = startedSince();
        Instant deadline = Instant.now().plus(patience);
        for (Thread t : started) {
            long left = Duration.between(Instant.now(), deadline).toMillis();
            if (left > 0) {
                t.join(left);
            }
        }
        return started.stream().filter(Thread::isAlive).map(Thread::getName).collect(Collectors.toSet());
    }

    private static Set<Thread> threads(List<String> prefixes) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && prefixes.stream().anyMatch(t.getName()::startsWith))
                .collect(Collectors.toSet());
    }
}
