package io.stowage.spi;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * An immutable map of a few entries, in insertion order, kept in two arrays: what an item
 * read from a store holds (a handful of attributes, a file's map of six or seven). A
 * {@code LinkedHashMap} spends a node of 40 bytes per entry and a table besides; this
 * spends two array slots, which is most of what reading an item allocates. Lookups scan
 * the keys, so it is only built for up to {@link #MAX_ENTRIES} entries.
 *
 * <pre>{@code
 * Map<String, AttributeValue> m = AttributeValue.mapBuilder().put("size", AttributeValue.fromN("42")).buildMap();
 * }</pre>
 */
final class SmallOrderedMap<V> extends AbstractMap<String, V> {

    /** The most entries kept this way; past it a scan would cost more than the memory saves. */
    static final int MAX_ENTRIES = 12;

    private final String[] keys;
    private final Object[] values;
    private final int size;

    /** Takes the arrays as they are (the caller drops them); {@code size} entries, keys distinct. */
    SmallOrderedMap(String[] keys, Object[] values, int size) {
        this.keys = keys;
        this.values = values;
        this.size = size;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    @SuppressWarnings("unchecked")
    public V get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : (V) values[i];
    }

    @Override
    @SuppressWarnings("unchecked")
    public void forEach(BiConsumer<? super String, ? super V> action) {
        for (int i = 0; i < size; i++) {
            action.accept(keys[i], (V) values[i]);
        }
    }

    /** The key of entry {@code i}, in insertion order: for reads that need no entry object. */
    String keyAt(int i) {
        return keys[i];
    }

    /** The value of entry {@code i}, in insertion order. */
    @SuppressWarnings("unchecked")
    V valueAt(int i) {
        return (V) values[i];
    }

    private int indexOf(Object key) {
        for (int i = 0; i < size; i++) {
            if (keys[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public Set<Map.Entry<String, V>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public Iterator<Map.Entry<String, V>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    @SuppressWarnings("unchecked")
                    public Map.Entry<String, V> next() {
                        if (next >= size) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new AbstractMap.SimpleImmutableEntry<>(keys[i], (V) values[i]);
                    }
                };
            }
        };
    }
}
