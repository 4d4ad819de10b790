package io.stowage.spi;

/**
 * The length of text in UTF-8, as S3 and DynamoDB count their limits (a key's 1,024 bytes,
 * metadata's 2 KB, an item's 400 KB), counted on the characters: every key, metadata entry
 * and attribute of every save is measured, and encoding each to a new array showed in the
 * profile of saves under load.
 *
 * <pre>{@code
 * Utf8.length("aé");      // 3
 * Utf8.length("\u005CuD800");  // -1: an unpaired surrogate is not Unicode text
 * }</pre>
 */
public final class Utf8 {

    private Utf8() {
    }

    /** The UTF-8 length of {@code text}, or -1 when it holds an unpaired surrogate (which has no UTF-8 form). */
    public static long length(CharSequence text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (!Character.isSurrogate(c)) {
                bytes += 3;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                return -1;
            }
        }
        return bytes;
    }
}
