package io.stowage.internal;

import io.stowage.spi.AttributeValue;
import io.stowage.spi.ItemKeyRequest;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The stored item, read consistently after an item write or delete failed ambiguously: it is
 * the only witness of whether that call landed. The first read waits a moment, since a request
 * the store still holds after the client gave up is applied within moments and must be seen
 * rather than raced; failed reads are retried, since the store that just failed may fail once
 * more.
 *
 * <pre>{@code
 * ItemReadBack.of(engine, "documents", key).thenApply(Optional::isPresent);
 * }</pre>
 */
final class ItemReadBack {

    /** Reads in all, and the pause before the first (each retry waits longer). */
    private static final int ATTEMPTS = 3;
    private static final Duration PAUSE = Duration.ofMillis(200);

    private ItemReadBack() {
    }

    /** The item at {@code key} in {@code table}; fails with the last read's failure. */
    static CompletableFuture<Optional<Map<String, AttributeValue>>> of(Engine engine, String table, Map<String, AttributeValue> key) {
        ItemKeyRequest get = ItemKeyRequest.builder().table(table).key(key).consistentRead(true).build();
        return read(engine, get, 1, PAUSE);
    }

    private static CompletableFuture<Optional<Map<String, AttributeValue>>> read(Engine engine, ItemKeyRequest get, int attempt,
                                                                               Duration pause) {
        return CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(pause.toMillis(), TimeUnit.MILLISECONDS))
                .thenCompose(v -> Futures.call(() -> engine.itemStore().get(get)))
                .exceptionallyCompose(failure -> attempt >= ATTEMPTS
                        ? CompletableFuture.failedFuture(failure)
                        : read(engine, get, attempt + 1, PAUSE.multipliedBy(attempt)));
    }
}
