package io.stowage.provider.inmemory;

import java.util.Comparator;

/**
 * Orders strings as S3 orders keys: by the unsigned bytes of their UTF-8 encoding.
 *
 * <p>Comparing code points gives that order without encoding each key; Java's own
 * {@code String.compareTo} does not, because it compares UTF-16 units, which sorts
 * characters above U+FFFF before U+E000..U+FFFF.
 *
 * <pre>{@code
 * NavigableMap<String, Object> keys = new ConcurrentSkipListMap<>(Utf8Order.INSTANCE);
 * }</pre>
 */
final class Utf8Order implements Comparator<String> {

    static final Utf8Order INSTANCE = new Utf8Order();

    private Utf8Order() {
    }

    @Override
    public int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        if (i < a.length()) {
            return 1;
        }
        return j < b.length() ? -1 : 0;
    }
}
