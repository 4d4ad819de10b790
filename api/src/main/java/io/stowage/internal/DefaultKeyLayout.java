package io.stowage.internal;

import io.stowage.KeyContext;
import io.stowage.KeyLayout;
import java.nio.charset.StandardCharsets;

/**
 * pydynox's key layout, made injective; see {@link KeyLayout#defaultLayout()}.
 * Internal, not API: public only because {@code KeyLayout} in {@code io.stowage}
 * returns it.
 *
 * <pre>{@code
 * DefaultKeyLayout.encode("A#B", false);   // "A/B"
 * }</pre>
 */
public final class DefaultKeyLayout implements KeyLayout {

    public static final DefaultKeyLayout INSTANCE = new DefaultKeyLayout();

    private DefaultKeyLayout() {
    }

    @Override
    public String objectKey(KeyContext ctx) {
        StringBuilder key = new StringBuilder(ctx.prefix());
        key.append(encode(ctx.partitionKey(), false)).append('/');
        ctx.sortKey().ifPresent(sk -> key.append(encode(sk, true)).append('/'));
        return key.append(ctx.filename()).toString();
    }

    /**
     * Percent-encodes {@code %}, {@code /} and control characters (and {@code #} when
     * {@code encodeHash}); otherwise turns {@code #} into {@code /}. Because {@code %} is
     * always encoded, the result decodes uniquely: the mapping is injective. A {@code ~} that
     * would begin a segment is encoded too: segments of the form {@code ~token} belong to
     * derived keys ({@link io.stowage.KeyLayout#derivedKey}), so no item's key values can make
     * its plain key equal another item's derived key.
     */
    public static String encode(String value, boolean encodeHash) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean segmentStart = i == 0 || (!encodeHash && value.charAt(i - 1) == '#');
            if (c == '~' && segmentStart) {
                out.append("%7E");
            } else if (c == '#') {
                if (encodeHash) {
                    out.append("%23");
                } else {
                    out.append('/');
                }
            } else if (c == '%' || c == '/' || c < 0x20 || c == 0x7f) {
                for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
                    out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                            .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
