package io.stowage.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** Leases on shared resources: one resource per key while leased, closed once, by the last lease. */
class SharedResourcesTest {

    /** A resource that counts how often it was created and closed. */
    private static final class Pool {
        static final AtomicInteger CREATED = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();

        Pool() {
            CREATED.incrementAndGet();
        }
    }

    private static SharedResources.Lease<Pool> lease(SharedResources shared, String key) {
        return shared.lease(key, Pool.class, Pool::new, p -> p.closed.incrementAndGet());
    }

    @Test
    void leasesOfOneKeyShareOneResourceWhichTheLastCloseCloses() {
        SharedResources shared = SharedResources.create();
        SharedResources.Lease<Pool> a = lease(shared, "pool");
        SharedResources.Lease<Pool> b = lease(shared, "pool");
        assertThat(b.get()).isSameAs(a.get());

        a.close();
        a.close();
        assertThat(a.get().closed).as("closed while another lease holds it (a lease closed twice counts once)").hasValue(0);
        b.close();
        assertThat(b.get().closed).as("closed by the last lease, once").hasValue(1);
    }

    @Test
    void aKeyLeasedAgainAfterItsLastCloseGetsANewResource() {
        SharedResources shared = SharedResources.create();
        SharedResources.Lease<Pool> first = lease(shared, "pool");
        first.close();
        try (SharedResources.Lease<Pool> second = lease(shared, "pool")) {
            assertThat(second.get()).isNotSameAs(first.get());
            assertThat(second.get().closed).hasValue(0);
        }
    }

    @Test
    void differentKeysAndDifferentSetsDoNotShare() {
        SharedResources one = SharedResources.create();
        try (SharedResources.Lease<Pool> a = lease(one, "a");
             SharedResources.Lease<Pool> b = lease(one, "b");
             SharedResources.Lease<Pool> otherSet = lease(SharedResources.create(), "a")) {
            assertThat(b.get()).isNotSameAs(a.get());
            assertThat(otherSet.get()).isNotSameAs(a.get());
        }
    }

    @Test
    void aResourceOfAnotherTypeUnderTheKeyIsNotSharedAndTheLeaseClosesItsOwn() {
        SharedResources shared = SharedResources.create();
        try (SharedResources.Lease<Pool> pool = lease(shared, "key")) {
            List<String> closed = new ArrayList<>();
            SharedResources.Lease<String> text = shared.lease("key", String.class, () -> "own", closed::add);
            assertThat(text.get()).isEqualTo("own");
            assertThat(text).hasToString("SharedResources.Lease[key, not shared]");
            text.close();
            assertThat(closed).containsExactly("own");
            assertThat(pool.get().closed).as("the shared one is untouched").hasValue(0);
        }
    }

    @Test
    void leasesTakenAndClosedFromManyThreadsCreateOneResourceAtATimeAndCloseEveryOne() throws Exception {
        SharedResources shared = SharedResources.create();
        SharedResources.Lease<Pool> held = lease(shared, "pool");
        int before = Pool.CREATED.get();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            done.add(threads.submit(() -> {
                start.await();
                for (int j = 0; j < 1_000; j++) {
                    try (SharedResources.Lease<Pool> lease = lease(shared, "pool")) {
                        assertThat(lease.get()).isSameAs(held.get());
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get(30, TimeUnit.SECONDS);
        }
        threads.shutdown();
        assertThat(Pool.CREATED.get() - before).as("resources created while one lease held the key").isZero();
        assertThat(held.get().closed).hasValue(0);
        held.close();
        assertThat(held.get().closed).hasValue(1);
    }
}
