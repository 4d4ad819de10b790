package io.stowage.internal;

import io.stowage.ModelException;
import io.stowage.OperationEvent;
import io.stowage.Query;
import io.stowage.spi.AttributeValue;
import io.stowage.spi.ItemPage;
import io.stowage.spi.QueryRequest;
import io.stowage.spi.SortKeyCondition;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** The immutable, lazy {@link Query} of one partition. */
final class DefaultQuery<T> implements Query<T> {

    private final ItemMapper<T> mapper;
    private final Engine engine;
    private final AttributeValue partitionKey;
    private final SortKeyCondition condition;
    private final int limit;
    private final int pageSize;
    private final boolean descending;
    private final boolean consistent;
    private final ModelException invalid;

    private DefaultQuery(ItemMapper<T> mapper, Engine engine, AttributeValue partitionKey, SortKeyCondition condition,
                         int limit, int pageSize, boolean descending, boolean consistent, ModelException invalid) {
        this.mapper = mapper;
        this.engine = engine;
        this.partitionKey = partitionKey;
        this.condition = condition;
        this.limit = limit;
        this.pageSize = pageSize;
        this.descending = descending;
        this.consistent = consistent;
        this.invalid = invalid;
    }

    static <T> DefaultQuery<T> of(ItemMapper<T> mapper, Engine engine, Object partitionKey) {
        AttributeValue pk = null;
        ModelException invalid = null;
        try {
            pk = mapper.keyValue(mapper.schema().partitionKey(), partitionKey);
        } catch (ModelException e) {
            invalid = e;
        }
        return new DefaultQuery<>(mapper, engine, pk, null, 0, 0, false, engine.consistentReads(), invalid);
    }

    private DefaultQuery<T> with(Function<Object, SortKeyCondition> make, Object value) {
        if (invalid != null) {
            return this;
        }
        if (mapper.schema().sortKey().isEmpty()) {
            return copy(condition, limit, pageSize, new ModelException("Table '" + mapper.table()
                    + "' has no sort key, so a query cannot have a sort-key condition; remove the sortKey... call"));
        }
        try {
            return copy(make.apply(mapper.keyValue(mapper.schema().sortKey().get(), value)), limit, pageSize, null);
        } catch (ModelException e) {
            return copy(condition, limit, pageSize, e);
        }
    }

    private DefaultQuery<T> copy(SortKeyCondition c, int newLimit, int newPageSize, ModelException error) {
        return new DefaultQuery<>(mapper, engine, partitionKey, c, newLimit, newPageSize, descending, consistent, error);
    }

    @Override
    public Query<T> sortKeyEqualTo(Object value) {
        return with(v -> SortKeyCondition.equalTo((AttributeValue) v), value);
    }

    @Override
    public Query<T> sortKeyLessThan(Object value) {
        return with(v -> SortKeyCondition.lessThan((AttributeValue) v), value);
    }

    @Override
    public Query<T> sortKeyLessThanOrEqualTo(Object value) {
        return with(v -> SortKeyCondition.lessThanOrEqual((AttributeValue) v), value);
    }

    @Override
    public Query<T> sortKeyGreaterThan(Object value) {
        return with(v -> SortKeyCondition.greaterThan((AttributeValue) v), value);
    }

    @Override
    public Query<T> sortKeyGreaterThanOrEqualTo(Object value) {
        return with(v -> SortKeyCondition.greaterThanOrEqual((AttributeValue) v), value);
    }

    @Override
    public Query<T> sortKeyBetween(Object low, Object high) {
        if (invalid == null && (low == null || high == null)) {
            return copy(condition, limit, pageSize, new ModelException("Query on table '" + mapper.table()
                    + "': sortKeyBetween(" + low + ", " + high + ") needs both bounds; pass a low and a high sort key"));
        }
        if (invalid != null || mapper.schema().sortKey().isEmpty()) {
            return with(v -> null, low);
        }
        try {
            AttributeValue hi = mapper.keyValue(mapper.schema().sortKey().get(), high);
            return with(v -> SortKeyCondition.between((AttributeValue) v, hi), low);
        } catch (ModelException e) {
            return copy(condition, limit, pageSize, e);
        }
    }

    @Override
    public Query<T> sortKeyBeginsWith(String prefix) {
        if (invalid == null && prefix == null) {
            return copy(condition, limit, pageSize, new ModelException("Query on table '" + mapper.table()
                    + "': sortKeyBeginsWith(null); pass the prefix the sort keys start with"));
        }
        if (invalid == null && mapper.schema().sortKey().isPresent()
                && mapper.schema().sortKey().get().javaType() != String.class) {
            return copy(condition, limit, pageSize, new ModelException("Table '" + mapper.table()
                    + "': sortKeyBeginsWith needs a String sort key; use sortKeyBetween for numbers"));
        }
        return with(v -> SortKeyCondition.beginsWith(((AttributeValue) v).s()), prefix);
    }

    @Override
    public Query<T> limit(int maxItems) {
        if (maxItems < 1) {
            return copy(condition, limit, pageSize, new ModelException("Query on table '" + mapper.table()
                    + "': limit must be at least 1, was " + maxItems + "; pass 1 or more, or call no limit for all items"));
        }
        return copy(condition, maxItems, pageSize, invalid);
    }

    @Override
    public Query<T> pageSize(int items) {
        if (items < 1) {
            return copy(condition, limit, pageSize, new ModelException("Query on table '" + mapper.table()
                    + "': pageSize must be at least 1, was " + items + "; pass 1 or more"));
        }
        return copy(condition, limit, items, invalid);
    }

    @Override
    public Query<T> descending() {
        return new DefaultQuery<>(mapper, engine, partitionKey, condition, limit, pageSize, true, consistent, invalid);
    }

    @Override
    public Query<T> consistentRead(boolean consistentRead) {
        return new DefaultQuery<>(mapper, engine, partitionKey, condition, limit, pageSize, descending, consistentRead, invalid);
    }

    /** Reads one page starting after {@code start}, asking for no more than {@code remaining}. */
    private CompletableFuture<ItemPage> page(Map<String, AttributeValue> start, int remaining) {
        engine.ensureOpen("query table '" + mapper.table() + "'");
        if (invalid != null) {
            return CompletableFuture.failedFuture(invalid);
        }
        int ask = pageSize;
        if (remaining > 0) {
            ask = ask == 0 ? remaining : Math.min(ask, remaining);
        }
        QueryRequest.Builder b = QueryRequest.builder().table(mapper.table())
                .partitionKey(mapper.schema().partitionKey().name(), partitionKey)
                .limit(ask).exclusiveStartKey(start).scanIndexForward(!descending).consistentRead(consistent);
        mapper.schema().sortKey().ifPresent(sk -> b.sortKey(sk.name(), condition));
        QueryRequest request = b.build();
        return Futures.call(() -> engine.itemStore().query(request)).handle((page, failure) -> {
            if (failure != null) {
                throw new java.util.concurrent.CompletionException(
                        ErrorMapper.item(failure, "query partition " + partitionKey, mapper.table()));
            }
            return page;
        });
    }

    @Override
    public CompletableFuture<Void> forEach(Consumer<? super T> action) {
        return engine.run(OperationEvent.Kind.QUERY, mapper.table(),
                op -> new DefaultQuery<>(mapper, op, partitionKey, condition, limit, pageSize, descending, consistent, invalid)
                        .forEachFrom(null, 0, action));
    }

    private CompletableFuture<Void> forEachFrom(Map<String, AttributeValue> start, int seen, Consumer<? super T> action) {
        int remaining = limit == 0 ? 0 : limit - seen;
        return page(start, remaining).thenCompose(page -> {
            int count = seen;
            for (Map<String, AttributeValue> item : page.items()) {
                if (limit > 0 && count >= limit) {
                    return CompletableFuture.completedFuture(null);
                }
                action.accept(mapper.fromItem(item));
                count++;
            }
            if (page.lastEvaluatedKey().isEmpty() || (limit > 0 && count >= limit)) {
                return CompletableFuture.completedFuture(null);
            }
            return forEachFrom(page.lastEvaluatedKey().get(), count, action);
        });
    }

    @Override
    public Stream<T> syncStream() {
        if (invalid != null) {
            throw invalid;
        }
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(new PageIterator(), Spliterator.ORDERED), false);
    }

    /** Pulls pages synchronously, one at a time, as the stream advances. */
    private final class PageIterator implements Iterator<T> {
        private Iterator<Map<String, AttributeValue>> current = List.<Map<String, AttributeValue>>of().iterator();
        private Map<String, AttributeValue> next;
        private boolean started;
        private int seen;

        @Override
        public boolean hasNext() {
            while (!current.hasNext()) {
                if (started && next == null) {
                    return false;
                }
                if (limit > 0 && seen >= limit) {
                    return false;
                }
                ItemPage page = Futures.join(page(next, limit == 0 ? 0 : limit - seen));
                started = true;
                current = page.items().iterator();
                next = page.lastEvaluatedKey().orElse(null);
            }
            return limit == 0 || seen < limit;
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            seen++;
            return mapper.fromItem(current.next());
        }
    }
}
