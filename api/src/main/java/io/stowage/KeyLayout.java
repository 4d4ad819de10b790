package io.stowage;

/**
 * Decides the object key of an attribute's file. The default layout is pydynox's
 * {@code {prefix}{pk}/{sk}/{filename}} made injective; set another in
 * {@link StowageConfig.Builder#keyLayout(KeyLayout)}.
 *
 * <p>A layout must be injective (two different items or attributes never share a key)
 * and deterministic. Stowage checks the result: keys over 1,024 UTF-8 bytes and two
 * attributes of one item with the same key are refused before any upload.
 *
 * <pre>{@code
 * KeyLayout byAttribute = ctx -> ctx.prefix() + ctx.attribute() + "/"
 *         + KeyLayout.encodeSegment(ctx.partitionKey()) + "/" + ctx.filename();
 * }</pre>
 */
@FunctionalInterface
public interface KeyLayout {

    /** The object key for one file. */
    String objectKey(KeyContext context);

    /**
     * The default layout: {@code {prefix}{pk}/{sk}/{filename}}, or {@code {prefix}{pk}/{filename}}
     * without a sort key. In the partition key {@code #} becomes {@code /}, as in pydynox;
     * a {@code %} or {@code /} already there is percent-encoded first, so {@code A#B} and
     * {@code A/B} never share a key. In the sort key {@code #} is percent-encoded too,
     * because turning it into {@code /} there would let {@code (A#B, C)} and
     * {@code (A, B#C)} collide.
     */
    static KeyLayout defaultLayout() {
        return io.stowage.internal.DefaultKeyLayout.INSTANCE;
    }

    /**
     * Percent-encodes {@code %}, {@code /}, {@code #} and control characters of a key value,
     * leaving everything else (spaces, unicode) as it is.
     */
    static String encodeSegment(String value) {
        return io.stowage.internal.DefaultKeyLayout.encode(value, true);
    }
}
