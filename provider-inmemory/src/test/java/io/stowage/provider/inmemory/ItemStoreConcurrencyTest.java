package io.stowage.provider.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.spi.AttributeValue;
import io.stowage.spi.ItemCondition;
import io.stowage.spi.ItemKeyRequest;
import io.stowage.spi.ItemPage;
import io.stowage.spi.KeyType;
import io.stowage.spi.PutItemRequest;
import io.stowage.spi.QueryRequest;
import io.stowage.spi.StoreErrorCode;
import io.stowage.spi.StoreException;
import io.stowage.spi.TableDefinition;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ItemStoreConcurrencyTest {

    private static final int THREADS = 8;

    private final InMemoryItemStore store = InMemoryItemStore.create();
    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

    @BeforeEach
    void table() {
        store.createTable(TableDefinition.of("things", "pk", KeyType.S, "sk", KeyType.N)).join();
    }

    @AfterEach
    void close() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        store.close();
    }

    /** Runs {@code task(thread)} on every thread at once and returns the results. */
    private <T> List<T> onAllThreads(ThreadTask<T> task) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                start.await();
                return task.run(thread);
            }));
        }
        start.countDown();
        List<T> results = new ArrayList<>();
        for (Future<T> f : futures) {
            results.add(f.get(60, TimeUnit.SECONDS));
        }
        return results;
    }

    private interface ThreadTask<T> {
        T run(int thread) throws Exception;
    }

    @Test
    void eightThreadsTimesTwoHundredPutsLoseNothing() throws Exception {
        onAllThreads(thread -> {
            for (int i = 0; i < 200; i++) {
                store.put(PutItemRequest.builder().table("things").item(Map.of("pk", AttributeValue.fromS("P" + (i % 3)),
                        "sk", AttributeValue.fromN(Integer.toString(thread * 1000 + i)))).build()).join();
            }
            return null;
        });
        int total = 0;
        for (int p = 0; p < 3; p++) {
            Map<String, AttributeValue> start = null;
            do {
                ItemPage page = store.query(QueryRequest.builder().table("things").partitionKey("pk", AttributeValue.fromS("P" + p))
                        .exclusiveStartKey(start).build()).join();
                total += page.items().size();
                start = page.lastEvaluatedKey().orElse(null);
            } while (start != null);
        }
        assertThat(total).isEqualTo(THREADS * 200);
    }

    @Test
    void createOnlyPutOnOneKeyFromEightThreadsHasExactlyOneWinner() throws Exception {
        List<Boolean> won = onAllThreads(thread -> {
            try {
                store.put(PutItemRequest.builder().table("things").item(Map.of("pk", AttributeValue.fromS("race"),
                        "sk", AttributeValue.fromN("0"), "winner", AttributeValue.fromN(Integer.toString(thread))))
                        .condition(ItemCondition.attributeNotExists("pk")).build()).join();
                return true;
            } catch (CompletionException e) {
                assertThat(((StoreException) e.getCause()).code()).isEqualTo(StoreErrorCode.CONDITION_FAILED);
                return false;
            }
        });
        assertThat(won).containsOnlyOnce(true);
    }

    @Test
    void optimisticCounterIncrementsAreNeverLost() throws Exception {
        Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("counter"), "sk", AttributeValue.fromN("0"));
        store.put(PutItemRequest.builder().table("things").item(Map.of("pk", AttributeValue.fromS("counter"),
                "sk", AttributeValue.fromN("0"), "n", AttributeValue.fromN("0"))).build()).join();
        List<Integer> successes = onAllThreads(thread -> {
            int mine = 0;
            for (int i = 0; i < 50; i++) {
                while (true) {
                    Map<String, AttributeValue> current = store.get(ItemKeyRequest.builder().table("things").key(key).build())
                            .join().orElseThrow();
                    long n = Long.parseLong(current.get("n").n());
                    try {
                        store.put(PutItemRequest.builder().table("things").item(Map.of("pk", AttributeValue.fromS("counter"),
                                "sk", AttributeValue.fromN("0"), "n", AttributeValue.fromN(Long.toString(n + 1))))
                                .condition(ItemCondition.equalTo("n", current.get("n"))).build()).join();
                        mine++;
                        break;
                    } catch (CompletionException retry) {
                        // another thread got there first: read again
                    }
                }
            }
            return mine;
        });
        assertThat(successes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(THREADS * 50);
        assertThat(store.get(ItemKeyRequest.builder().table("things").key(key).build()).join().orElseThrow().get("n"))
                .isEqualTo(AttributeValue.fromN(Integer.toString(THREADS * 50)));
    }
}
