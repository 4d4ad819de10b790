package io.stowage.spi;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A provider-neutral item attribute value, with the ten types DynamoDB knows.
 *
 * <p>Immutable: the binary, list, map and set factories copy their input.
 *
 * <pre>{@code
 * Map<String, AttributeValue> item = Map.of(
 *         "pk", AttributeValue.fromS("DOC#1"),
 *         "size", AttributeValue.fromN("1048576"));
 * }</pre>
 */
public final class AttributeValue {

    /**
     * The DynamoDB data type of a value. Check it before calling an accessor such as
     * {@code s()}, since each accessor fails on a value of another type.
     *
     * <pre>{@code
     * String text = v.type() == AttributeValue.Type.N ? v.n() : v.s();
     * }</pre>
     */
    public enum Type { S, N, B, BOOL, NULL, M, L, SS, NS, BS }

    private static final AttributeValue NULL = new AttributeValue(Type.NULL, Boolean.TRUE);
    private static final AttributeValue TRUE = new AttributeValue(Type.BOOL, Boolean.TRUE);
    private static final AttributeValue FALSE = new AttributeValue(Type.BOOL, Boolean.FALSE);

    private final Type type;
    private final Object value;

    private AttributeValue(Type type, Object value) {
        this.type = type;
        this.value = value;
    }

    /** A string value. */
    public static AttributeValue fromS(String s) {
        return new AttributeValue(Type.S, Objects.requireNonNull(s, "s"));
    }

    /** A number value, kept as its decimal text so that no precision is lost. */
    public static AttributeValue fromN(String n) {
        Objects.requireNonNull(n, "n");
        if (!isDecimal(n)) {
            throw new IllegalArgumentException("Not a number: '" + n + "'");
        }
        return new AttributeValue(Type.N, n);
    }

    /**
     * Whether {@code n} is a decimal number as DynamoDB writes them: an optional sign, ASCII
     * digits with an optional point, an optional exponent. Checked by hand, not by parsing a
     * {@code BigDecimal}: every number of every item read goes through here.
     */
    private static boolean isDecimal(String n) {
        int len = n.length();
        int i = 0;
        if (i < len && (n.charAt(i) == '+' || n.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < len && isAsciiDigit(n.charAt(i))) {
            i++;
            digits++;
        }
        if (i < len && n.charAt(i) == '.') {
            i++;
            while (i < len && isAsciiDigit(n.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < len && (n.charAt(i) == 'e' || n.charAt(i) == 'E')) {
            i++;
            if (i < len && (n.charAt(i) == '+' || n.charAt(i) == '-')) {
                i++;
            }
            int exponent = 0;
            while (i < len && isAsciiDigit(n.charAt(i))) {
                i++;
                exponent++;
            }
            // Nine digits keep the exponent an int, as BigDecimal, which readers parse it with, needs.
            if (exponent == 0 || exponent > 9) {
                return false;
            }
        }
        return i == len;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** A binary value (copied). */
    public static AttributeValue fromB(byte[] b) {
        return new AttributeValue(Type.B, Objects.requireNonNull(b, "b").clone());
    }

    /** A boolean value. */
    public static AttributeValue fromBool(boolean b) {
        return b ? TRUE : FALSE;
    }

    /** The NULL value. */
    public static AttributeValue nul() {
        return NULL;
    }

    /** A map value (copied, order kept). */
    public static AttributeValue fromM(Map<String, AttributeValue> m) {
        return new AttributeValue(Type.M, Collections.unmodifiableMap(new LinkedHashMap<>(m)));
    }

    /**
     * A builder of a map value (or of an item) that hands its entries over instead of
     * copying them, in a compact form when they are few: for providers converting every
     * map of every item they read.
     *
     * <pre>{@code
     * AttributeValue content = AttributeValue.mapBuilder().put("size", AttributeValue.fromN("42")).build();
     * }</pre>
     */
    public static MapBuilder mapBuilder() {
        return new MapBuilder();
    }

    /** Builds one map, in insertion order; used once. */
    public static final class MapBuilder {
        private String[] keys = new String[8];
        private AttributeValue[] values = new AttributeValue[8];
        private int size;
        /** Past {@link SmallOrderedMap#MAX_ENTRIES} entries: a plain linked map. */
        private Map<String, AttributeValue> large;
        private boolean built;

        private MapBuilder() {
        }

        /** Adds or replaces an entry. */
        public MapBuilder put(String name, AttributeValue value) {
            if (built) {
                throw new IllegalStateException("This map builder has built its map already; start another");
            }
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            if (large != null) {
                large.put(name, value);
                return this;
            }
            for (int i = 0; i < size; i++) {
                if (keys[i].equals(name)) {
                    values[i] = value;
                    return this;
                }
            }
            if (size == SmallOrderedMap.MAX_ENTRIES) {
                large = new LinkedHashMap<>();
                for (int i = 0; i < size; i++) {
                    large.put(keys[i], values[i]);
                }
                large.put(name, value);
                return this;
            }
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, SmallOrderedMap.MAX_ENTRIES);
                values = Arrays.copyOf(values, SmallOrderedMap.MAX_ENTRIES);
            }
            keys[size] = name;
            values[size] = value;
            size++;
            return this;
        }

        /** The entries as an immutable map; the builder cannot be used after. */
        public Map<String, AttributeValue> buildMap() {
            if (built) {
                throw new IllegalStateException("This map builder has built its map already; start another");
            }
            built = true;
            if (large != null) {
                return Collections.unmodifiableMap(large);
            }
            // emptyMap, not Map.of(): get(null) answers null, as every other item map does.
            return size == 0 ? Collections.emptyMap() : new SmallOrderedMap<>(keys, values, size);
        }

        /** The entries as a map value; the builder cannot be used after. */
        public AttributeValue build() {
            return new AttributeValue(Type.M, buildMap());
        }
    }

    /** A list value (copied). */
    public static AttributeValue fromL(List<AttributeValue> l) {
        return new AttributeValue(Type.L, List.copyOf(l));
    }

    /** A string set (copied, order kept). */
    public static AttributeValue fromSs(Set<String> ss) {
        return new AttributeValue(Type.SS, Collections.unmodifiableSet(new LinkedHashSet<>(ss)));
    }

    /** A number set (copied, order kept). */
    public static AttributeValue fromNs(Set<String> ns) {
        ns.forEach(AttributeValue::fromN);
        return new AttributeValue(Type.NS, Collections.unmodifiableSet(new LinkedHashSet<>(ns)));
    }

    /** A binary set (copied). */
    public static AttributeValue fromBs(List<byte[]> bs) {
        return new AttributeValue(Type.BS, bs.stream().map(byte[]::clone).collect(Collectors.toUnmodifiableList()));
    }

    public Type type() {
        return type;
    }

    /** The string of an S value. */
    public String s() {
        return (String) expect(Type.S);
    }

    /** The decimal text of an N value. */
    public String n() {
        return (String) expect(Type.N);
    }

    /** A copy of the bytes of a B value. */
    public byte[] b() {
        return ((byte[]) expect(Type.B)).clone();
    }

    public boolean bool() {
        return (Boolean) expect(Type.BOOL);
    }

    @SuppressWarnings("unchecked")
    public Map<String, AttributeValue> m() {
        return (Map<String, AttributeValue>) expect(Type.M);
    }

    @SuppressWarnings("unchecked")
    public List<AttributeValue> l() {
        return (List<AttributeValue>) expect(Type.L);
    }

    @SuppressWarnings("unchecked")
    public Set<String> ss() {
        return (Set<String>) expect(Type.SS);
    }

    @SuppressWarnings("unchecked")
    public Set<String> ns() {
        return (Set<String>) expect(Type.NS);
    }

    /** Copies of the members of a BS value. */
    @SuppressWarnings("unchecked")
    public List<byte[]> bs() {
        return ((List<byte[]>) expect(Type.BS)).stream().map(byte[]::clone).collect(Collectors.toUnmodifiableList());
    }

    public boolean isNull() {
        return type == Type.NULL;
    }

    private Object expect(Type wanted) {
        if (type != wanted) {
            throw new IllegalStateException("Attribute value is of type " + type + ", not " + wanted);
        }
        return value;
    }

    /**
     * The size DynamoDB counts for this value (not including the attribute name),
     * following the rules in the DynamoDB developer guide.
     */
    public long sizeInBytes() {
        switch (type) {
            case S:
                return utf8Length((String) value);
            case N:
                return numberSize((String) value);
            case B:
                return ((byte[]) value).length;
            case BOOL:
            case NULL:
                return 1;
            case SS: {
                long total = 0;
                for (String s : ss()) {
                    total += utf8Length(s);
                }
                return total;
            }
            case NS: {
                long total = 0;
                for (String n : ns()) {
                    total += numberSize(n);
                }
                return total;
            }
            case BS: {
                long total = 0;
                for (byte[] b : bsRaw()) {
                    total += b.length;
                }
                return total;
            }
            case L: {
                long total = 3;
                for (AttributeValue v : l()) {
                    total += 1 + v.sizeInBytes();
                }
                return total;
            }
            case M: {
                long total = 3;
                Map<String, AttributeValue> map = m();
                if (map instanceof SmallOrderedMap) {
                    // Read in place: iterating would make an entry object per attribute, in every save's size check.
                    SmallOrderedMap<AttributeValue> small = (SmallOrderedMap<AttributeValue>) map;
                    for (int i = 0; i < small.size(); i++) {
                        total += entrySize(small.keyAt(i), small.valueAt(i));
                    }
                    return total;
                }
                for (Map.Entry<String, AttributeValue> e : map.entrySet()) {
                    total += entrySize(e.getKey(), e.getValue());
                }
                return total;
            }
            default:
                throw new AssertionError(type);
        }
    }

    /** A map entry's share of the item size: a byte of overhead, the name and the value. */
    private static long entrySize(String name, AttributeValue value) {
        return 1 + utf8Length(name) + value.sizeInBytes();
    }

    @SuppressWarnings("unchecked")
    private List<byte[]> bsRaw() {
        return (List<byte[]>) value;
    }

    /**
     * The bytes of {@code s} in UTF-8 ({@link Utf8}); text with an unpaired surrogate, which
     * has no UTF-8 form, is measured as {@code String.getBytes} writes it, the surrogate as '?'.
     */
    static long utf8Length(String s) {
        long bytes = Utf8.length(s);
        return bytes >= 0 ? bytes : s.getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * DynamoDB stores numbers as up to 38 significant digits: roughly one byte per two digits,
     * plus one. The significant digits are counted on the text ({@link #fromN} checked its
     * form): every number of every saved item is sized, and a {@code BigDecimal} and two
     * regular expressions per number showed in the profile of saves under load.
     */
    static long numberSize(String n) {
        int first = -1;
        int last = -1;
        int count = 0;
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (c == 'e' || c == 'E') {
                break;
            }
            if (c < '0' || c > '9') {
                continue;
            }
            if (c != '0') {
                if (first < 0) {
                    first = count;
                }
                last = count;
            }
            count++;
        }
        int significant = first < 0 ? 1 : last - first + 1;
        return (significant + 1) / 2 + 1;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof AttributeValue)) {
            return false;
        }
        AttributeValue other = (AttributeValue) o;
        if (type != other.type) {
            return false;
        }
        switch (type) {
            case B:
                return Arrays.equals((byte[]) value, (byte[]) other.value);
            case N:
                return new BigDecimal((String) value).compareTo(new BigDecimal((String) other.value)) == 0;
            case BS: {
                List<byte[]> a = bsRaw();
                List<byte[]> b = other.bsRaw();
                if (a.size() != b.size()) {
                    return false;
                }
                for (int i = 0; i < a.size(); i++) {
                    if (!Arrays.equals(a.get(i), b.get(i))) {
                        return false;
                    }
                }
                return true;
            }
            default:
                return value.equals(other.value);
        }
    }

    @Override
    public int hashCode() {
        switch (type) {
            case B:
                return Arrays.hashCode((byte[]) value);
            case N:
                return new BigDecimal((String) value).stripTrailingZeros().hashCode();
            case BS:
                return bsRaw().stream().mapToInt(Arrays::hashCode).sum();
            default:
                return type.hashCode() * 31 + value.hashCode();
        }
    }

    @Override
    public String toString() {
        switch (type) {
            case B:
                return "{B: " + Base64.getEncoder().encodeToString((byte[]) value) + "}";
            case BS:
                return "{BS: " + bsRaw().stream().map(b -> Base64.getEncoder().encodeToString(b))
                        .collect(Collectors.joining(", ", "[", "]")) + "}";
            case S:
                return "{S: \"" + value + "\"}";
            default:
                return "{" + type + ": " + value + "}";
        }
    }
}
