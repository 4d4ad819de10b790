package io.stowage.provider.inmemory;

import io.stowage.spi.AttributeValue;
import io.stowage.spi.ItemPage;
import io.stowage.spi.ItemSize;
import io.stowage.spi.KeyType;
import io.stowage.spi.QueryRequest;
import io.stowage.spi.SortKeyCondition;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * Runs one page of a query or scan over a table's sorted items, as DynamoDB pages them:
 * at most {@code limit} items and about 1 MB, with the key of the last item returned as
 * {@code lastEvaluatedKey} when more matching items follow.
 *
 * <pre>{@code
 * ItemPage page = TableQuery.run(keys, partitions, request);   // under the table's read lock
 * }</pre>
 */
final class TableQuery {

    /** DynamoDB stops a query or scan page once it has read 1 MB of items. */
    static final long PAGE_BYTES = 1024L * 1024;

    private TableQuery() {
    }

    static ItemPage run(ItemKeys keys,
                        NavigableMap<AttributeValue, NavigableMap<AttributeValue, Map<String, AttributeValue>>> partitions,
                        QueryRequest request) {
        Map<String, AttributeValue> start = request.exclusiveStartKey().orElse(null);
        if (start != null) {
            keys.validateKey(start, "exclusiveStartKey");
        }
        Iterator<Map<String, AttributeValue>> items = request.isScan()
                ? scan(keys, partitions, request, start)
                : query(keys, partitions, request, start);
        return page(keys, items, request.limit());
    }

    private static Iterator<Map<String, AttributeValue>> query(
            ItemKeys keys,
            NavigableMap<AttributeValue, NavigableMap<AttributeValue, Map<String, AttributeValue>>> partitions,
            QueryRequest request,
            Map<String, AttributeValue> start) {
        keys.validatePartitionValue(request.partitionKeyName(), request.partitionKeyValue());
        SortKeyCondition condition = request.sortKeyCondition().orElse(null);
        if (request.sortKeyName().isPresent()) {
            keys.validateSortKeyName(request.sortKeyName().get());
            if (condition != null) {
                validateCondition(keys, condition);
            }
        }
        if (start != null && ItemKeys.ORDER.compare(keys.partitionOf(start), request.partitionKeyValue()) != 0) {
            throw Failures.invalid("exclusiveStartKey is in another partition than the query; pass the"
                    + " lastEvaluatedKey of the previous page");
        }
        NavigableMap<AttributeValue, Map<String, AttributeValue>> partition =
                partitions.getOrDefault(request.partitionKeyValue(), Collections.emptyNavigableMap());
        NavigableMap<AttributeValue, Map<String, AttributeValue>> ordered =
                request.scanIndexForward() ? partition : partition.descendingMap();
        if (start != null) {
            ordered = ordered.tailMap(keys.sortOf(start), false);
        }
        Iterator<Map.Entry<AttributeValue, Map<String, AttributeValue>>> it = ordered.entrySet().iterator();
        return new Iterator<>() {
            private Map<String, AttributeValue> next = advance();

            private Map<String, AttributeValue> advance() {
                while (it.hasNext()) {
                    Map.Entry<AttributeValue, Map<String, AttributeValue>> e = it.next();
                    if (condition == null || condition.test(e.getKey())) {
                        return e.getValue();
                    }
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Map<String, AttributeValue> next() {
                Map<String, AttributeValue> result = next;
                next = advance();
                return result;
            }
        };
    }

    private static Iterator<Map<String, AttributeValue>> scan(
            ItemKeys keys,
            NavigableMap<AttributeValue, NavigableMap<AttributeValue, Map<String, AttributeValue>>> partitions,
            QueryRequest request,
            Map<String, AttributeValue> start) {
        if (request.sortKeyCondition().isPresent()) {
            throw Failures.invalid("A sort-key condition needs a partition key; query a partition instead of scanning");
        }
        // Scans walk partitions and items in key order, which is stable, so a start key
        // resumes exactly after the last item returned.
        NavigableMap<AttributeValue, NavigableMap<AttributeValue, Map<String, AttributeValue>>> from =
                start == null ? partitions : partitions.tailMap(keys.partitionOf(start), true);
        Iterator<Map.Entry<AttributeValue, NavigableMap<AttributeValue, Map<String, AttributeValue>>>> outer =
                from.entrySet().iterator();
        return new Iterator<>() {
            private Iterator<Map<String, AttributeValue>> inner = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!inner.hasNext() && outer.hasNext()) {
                    Map.Entry<AttributeValue, NavigableMap<AttributeValue, Map<String, AttributeValue>>> e = outer.next();
                    NavigableMap<AttributeValue, Map<String, AttributeValue>> items = e.getValue();
                    if (start != null && ItemKeys.ORDER.compare(e.getKey(), keys.partitionOf(start)) == 0) {
                        items = items.tailMap(keys.sortOf(start), false);
                    }
                    inner = items.values().iterator();
                }
                return inner.hasNext();
            }

            @Override
            public Map<String, AttributeValue> next() {
                hasNext();
                return inner.next();
            }
        };
    }

    private static ItemPage page(ItemKeys keys, Iterator<Map<String, AttributeValue>> items, int limit) {
        List<Map<String, AttributeValue>> page = new ArrayList<>();
        long bytes = 0;
        while (items.hasNext()) {
            Map<String, AttributeValue> item = items.next();
            page.add(item);
            bytes += ItemSize.of(item);
            boolean full = (limit > 0 && page.size() >= limit) || bytes >= PAGE_BYTES;
            if (full) {
                // Only point to a next page when one exists, so callers do not make an empty round trip.
                return ItemPage.of(page, items.hasNext() ? keys.keyOf(item) : null);
            }
        }
        return ItemPage.of(page, null);
    }

    private static void validateCondition(ItemKeys keys, SortKeyCondition condition) {
        if (condition.operator() == SortKeyCondition.Operator.BEGINS_WITH) {
            if (keys.sortKeyType() != KeyType.S) {
                throw Failures.invalid("begins_with needs a string sort key, but the sort key is " + keys.sortKeyType());
            }
            return;
        }
        keys.validateSortValue(condition.value());
        condition.upper().ifPresent(keys::validateSortValue);
        if (condition.upper().isPresent() && ItemKeys.ORDER.compare(condition.value(), condition.upper().get()) > 0) {
            throw Failures.invalid("BETWEEN bounds are reversed: " + condition.value() + " is above "
                    + condition.upper().get() + "; put the lower bound first");
        }
    }
}
