package io.stowage.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One page of a query or scan, with the key to start the next page from.
 *
 * <pre>{@code
 * ItemPage page = itemStore.query(request).join();
 * page.lastEvaluatedKey().ifPresent(next -> ...);
 * }</pre>
 */
public final class ItemPage {

    private final List<Map<String, AttributeValue>> items;
    private final Map<String, AttributeValue> lastEvaluatedKey;

    private ItemPage(List<Map<String, AttributeValue>> items, Map<String, AttributeValue> lastEvaluatedKey) {
        this.items = List.copyOf(items);
        this.lastEvaluatedKey = lastEvaluatedKey == null || lastEvaluatedKey.isEmpty() ? null
                : Collections.unmodifiableMap(new LinkedHashMap<>(lastEvaluatedKey));
    }

    public static ItemPage of(List<Map<String, AttributeValue>> items, Map<String, AttributeValue> lastEvaluatedKey) {
        return new ItemPage(items, lastEvaluatedKey);
    }

    public List<Map<String, AttributeValue>> items() {
        return items;
    }

    /** The key of the last item read; empty on the last page. */
    public Optional<Map<String, AttributeValue>> lastEvaluatedKey() {
        return Optional.ofNullable(lastEvaluatedKey);
    }

    @Override
    public String toString() {
        return "ItemPage(" + items.size() + " items, more=" + (lastEvaluatedKey != null) + ")";
    }
}
