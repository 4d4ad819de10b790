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
     * The key an upload moves to when its {@link #objectKey} is taken: by an older version of
     * the same item's file that the stored item still points at, by a save in flight, or by
     * another table's object that the layout maps to the same key (or, as far as this process
     * knows, by the item's file it replaced from there before). Stowage never overwrites
     * an object: where the blob store can claim a key atomically (If-None-Match) it first
     * claims {@code objectKey} and, when that is taken, uploads here; where it cannot, it
     * always uploads here. {@code token} is fresh and random (12 characters of
     * {@code [a-z2-7]}) for every upload, so the result is a key no one else uses.
     *
     * <p>The default puts the token in a directory of its own before the file name,
     * {@code docs/DOC/1/v1/~k3q7x2mfa7bp/report.pdf}, so the file name (and its content type
     * guess) stays the last segment. Override it with the layout when keys must look otherwise;
     * the result must contain the token, and must be at most 1,024 UTF-8 bytes like any key.
     * (With a layout of its own, Stowage always reads an object's back-link before deleting it:
     * only the default layout keeps plain keys from looking like derived ones.)
     */
    default String derivedKey(String objectKey, String token) {
        int slash = objectKey.lastIndexOf('/');
        return objectKey.substring(0, slash + 1) + "~" + token + "/" + objectKey.substring(slash + 1);
    }

    /**
     * The default layout: {@code {prefix}{pk}/{sk}/{filename}}, or {@code {prefix}{pk}/{filename}}
     * without a sort key. In the partition key {@code #} becomes {@code /}, as in pydynox;
     * a {@code %} or {@code /} already there is percent-encoded first, so {@code A#B} and
     * {@code A/B} never share a key. In the sort key {@code #} is percent-encoded too,
     * because turning it into {@code /} there would let {@code (A#B, C)} and
     * {@code (A, B#C)} collide. A {@code ~} that would begin a segment becomes {@code %7E},
     * so no plain key has the {@code ~token} segment of a derived key.
     */
    static KeyLayout defaultLayout() {
        return io.stowage.internal.DefaultKeyLayout.INSTANCE;
    }

    /**
     * Percent-encodes {@code %}, {@code /}, {@code #} and control characters of a key value,
     * and a leading {@code ~}, leaving everything else (spaces, unicode) as it is.
     */
    static String encodeSegment(String value) {
        return io.stowage.internal.DefaultKeyLayout.encode(value, true);
    }
}
