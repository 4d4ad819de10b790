package io.stowage.tck.net;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Which threads a piece of code started, and whether they end: for tests that a store's
 * {@code close()} really releases its clients' threads.
 *
 * <p>Threads are told apart by identity, and a thread counts as started once it has been seen
 * under a watched name: some clients rename their pool threads while they run a call (OkHttp's
 * dispatcher threads are called {@code "OkHttp http://host/..."} until the call's callback
 * returns), so a name seen once is not always seen again.
 *
 * <pre>{@code
 * ThreadWatch watch = ThreadWatch.start("stowage-s3-");
 * store.bucketExists("b", null).join();
 * assertThat(watch.awaitStarted(Duration.ofSeconds(5))).isNotEmpty();
 * store.close();
 * assertThat(watch.stillAliveAfter(Duration.ofSeconds(10))).isEmpty();
 * }</pre>
 */
public final class ThreadWatch {

    private final List<String> prefixes;
    private final Set<Thread> before;
    private final Set<Thread> seen = ConcurrentHashMap.newKeySet();

    private ThreadWatch(List<String> prefixes) {
        this.prefixes = prefixes;
        this.before = Collections.unmodifiableSet(new HashSet<>(Thread.getAllStackTraces().keySet()));
    }

    /** Starts watching threads whose name starts with one of {@code prefixes}. */
    public static ThreadWatch start(String... prefixes) {
        return new ThreadWatch(List.of(prefixes));
    }

    /** The watched threads started since {@link #start} that are alive now and carry a watched name now. */
    public Set<Thread> startedSince() {
        Set<Thread> now = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !before.contains(t) && prefixes.stream().anyMatch(t.getName()::startsWith))
                .collect(Collectors.toSet());
        seen.addAll(now);
        return now;
    }

    /**
     * The watched threads started since {@link #start}, waiting up to {@code patience} for one to
     * show a watched name: a call's future may complete on a pool thread that has not yet got its
     * name back.
     */
    public Set<Thread> awaitStarted(Duration patience) throws InterruptedException {
        Instant deadline = Instant.now().plus(patience);
        Set<Thread> started = startedSince();
        while (started.isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(10);
            started = startedSince();
        }
        return started;
    }

    /**
     * Waits up to {@code patience} for every watched thread started since {@link #start} (seen
     * now or by an earlier call) to end; the names of those still alive.
     */
    public Set<String> stillAliveAfter(Duration patience) throws InterruptedException {
        startedSince();
        Set<Thread> started = new HashSet<>(seen);
        Instant deadline = Instant.now().plus(patience);
        for (Thread t : started) {
            long left = Duration.between(Instant.now(), deadline).toMillis();
            if (left > 0) {
                t.join(left);
            }
        }
        return started.stream().filter(Thread::isAlive).map(Thread::getName).collect(Collectors.toSet());
    }
}
