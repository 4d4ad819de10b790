package io.stowage;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link Table#sweepOrphans(SweepOptions)} runs: the grace period that protects saves
 * in flight, whether to delete or only report, which part of the key space to sweep, and
 * how many objects to check at once. Immutable.
 *
 * <pre>{@code
 * SweepOptions machine3of4 = SweepOptions.defaults().withinPrefix("DOC/3").withParallelism(32);
 * SweepReport report = documents.syncSweepOrphans(SweepOptions.defaults().dryRun());
 * }</pre>
 */
public final class SweepOptions {

    /** Long enough that no save that uploaded an object is still about to write the item that points at it. */
    public static final Duration DEFAULT_GRACE_PERIOD = Duration.ofHours(24);
    /** Back-link reads and item reads in flight at once. */
    public static final int DEFAULT_PARALLELISM = 16;
    /** Orphans listed in the report (all are counted). */
    public static final int DEFAULT_MAX_LISTED = 1000;

    private static final SweepOptions DEFAULTS = new SweepOptions(DEFAULT_GRACE_PERIOD, false, "", DEFAULT_PARALLELISM,
            DEFAULT_MAX_LISTED);

    private final Duration gracePeriod;
    private final boolean dryRun;
    private final String withinPrefix;
    private final int parallelism;
    private final int maxListed;

    private SweepOptions(Duration gracePeriod, boolean dryRun, String withinPrefix, int parallelism, int maxListed) {
        this.gracePeriod = gracePeriod;
        this.dryRun = dryRun;
        this.withinPrefix = withinPrefix;
        this.parallelism = parallelism;
        this.maxListed = maxListed;
    }

    /** Grace period 24 h, deleting, the whole key space of each S3 attribute, 16 checks at once. */
    public static SweepOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Objects younger than this are never touched: a save uploads before it writes the item,
     * so a young object without an item may be one a save is about to point at.
     */
    public SweepOptions withGracePeriod(Duration grace) {
        if (grace == null || grace.isNegative()) {
            throw new StowageException("SweepOptions.withGracePeriod(" + grace + "): pass a duration of zero or more; "
                    + "keep it longer than your slowest save (the default is 24 h)");
        }
        return new SweepOptions(grace, dryRun, withinPrefix, parallelism, maxListed);
    }

    /** Reports what would be deleted and deletes nothing. */
    public SweepOptions dryRun() {
        return new SweepOptions(gracePeriod, true, withinPrefix, parallelism, maxListed);
    }

    /**
     * Sweeps only keys that start with each S3 attribute's prefix followed by {@code prefix}
     * (for the default layout, the start of the partition key with {@code #} as {@code /}),
     * so that several machines can split the key space between them.
     */
    public SweepOptions withinPrefix(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        return new SweepOptions(gracePeriod, dryRun, prefix, parallelism, maxListed);
    }

    /** How many objects are checked at once (1 to 256). */
    public SweepOptions withParallelism(int checks) {
        if (checks < 1 || checks > 256) {
            throw new StowageException("SweepOptions.withParallelism(" + checks + "): pass 1 to 256");
        }
        return new SweepOptions(gracePeriod, dryRun, withinPrefix, checks, maxListed);
    }

    /** How many orphans the report lists by key (0 to 100,000); all are counted either way. */
    public SweepOptions withMaxListed(int max) {
        if (max < 0 || max > 100_000) {
            throw new StowageException("SweepOptions.withMaxListed(" + max + "): pass 0 to 100000");
        }
        return new SweepOptions(gracePeriod, dryRun, withinPrefix, parallelism, max);
    }

    public Duration gracePeriod() {
        return gracePeriod;
    }

    public boolean isDryRun() {
        return dryRun;
    }

    public String prefix() {
        return withinPrefix;
    }

    public int parallelism() {
        return parallelism;
    }

    public int maxListed() {
        return maxListed;
    }

    @Override
    public String toString() {
        return "SweepOptions(grace=" + gracePeriod + (dryRun ? ", dry run" : "")
                + (withinPrefix.isEmpty() ? "" : ", within '" + withinPrefix + "'") + ", parallelism=" + parallelism + ")";
    }
}
