package io.stowage.bench;

import java.util.Locale;

/**
 * Byte counts as people read them in a results table.
 *
 * <pre>{@code
 * Sizes.label(64L << 20);   // "64 MiB"
 * Sizes.mib(3_500_000L);    // "3.3"
 * }</pre>
 */
final class Sizes {

    private static final long KIB = 1024;
    private static final long MIB = 1024 * KIB;

    private Sizes() {
    }

    /** A whole size: {@code "64 MiB"}, {@code "512 KiB"}, or bytes. */
    static String label(long bytes) {
        if (bytes >= MIB && bytes % MIB == 0) {
            return bytes / MIB + " MiB";
        }
        if (bytes >= KIB && bytes % KIB == 0) {
            return bytes / KIB + " KiB";
        }
        return bytes + " B";
    }

    /** Mebibytes with one decimal. */
    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / (double) MIB);
    }
}
