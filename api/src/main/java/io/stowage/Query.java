package io.stowage;

import io.stowage.internal.Futures;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A query of one partition: immutable (each narrowing returns a new query), lazy (pages
 * are read only as they are consumed) and metadata-only (no blob-store call).
 *
 * <pre>{@code
 * documents.query("DOC#invoice-2024-001")
 *         .sortKeyBeginsWith("v")
 *         .limit(50)
 *         .syncStream()
 *         .forEach(d -> System.out.println(d.name + ": " + d.content.size() + " bytes"));
 * }</pre>
 */
public interface Query<T> {

    Query<T> sortKeyEqualTo(Object value);

    Query<T> sortKeyLessThan(Object value);

    Query<T> sortKeyLessThanOrEqualTo(Object value);

    Query<T> sortKeyGreaterThan(Object value);

    Query<T> sortKeyGreaterThanOrEqualTo(Object value);

    /** Both bounds included. */
    Query<T> sortKeyBetween(Object low, Object high);

    /** String sort keys only. */
    Query<T> sortKeyBeginsWith(String prefix);

    /** At most this many items in all. */
    Query<T> limit(int maxItems);

    /** How many items to ask the store for per page (the store may return fewer). */
    Query<T> pageSize(int items);

    /** Descending sort-key order. */
    Query<T> descending();

    /** Strongly consistent reads. */
    Query<T> consistentRead(boolean consistent);

    /** Calls {@code action} for each item, page by page; completes after the last. */
    CompletableFuture<Void> forEach(Consumer<? super T> action);

    /** All matching items (up to the limit). */
    default CompletableFuture<List<T>> toList() {
        List<T> out = new ArrayList<>();
        return forEach(out::add).thenApply(v -> out);
    }

    /** Blocking {@link #forEach(Consumer)}. */
    default void syncForEach(Consumer<? super T> action) {
        Futures.join(forEach(action));
    }

    /** Blocking {@link #toList()}. */
    default List<T> syncToList() {
        return Futures.join(toList());
    }

    /** A lazy stream that reads the next page when it needs it; close it if not fully consumed. */
    Stream<T> syncStream();
}
