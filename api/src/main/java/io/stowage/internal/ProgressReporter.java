package io.stowage.internal;

import io.stowage.ProgressListener;
import java.util.function.LongConsumer;
import org.slf4j.LoggerFactory;

/**
 * Turns a store's raw byte counts into the reports a {@link ProgressListener} is promised:
 * only growing (a retried part or request counts again from zero, which is not reported), never
 * past the total, and ending at the total when the transfer succeeds. A listener
 * that throws is logged once and then ignored.
 *
 * <pre>{@code
 * ProgressReporter reporter = new ProgressReporter(listener, size, "upload of report.pdf");
 * request.progress(reporter);   // bytes so far, from the store
 * reporter.completed(size);      // the final report
 * }</pre>
 */
final class ProgressReporter implements LongConsumer {

    private final ProgressListener listener;
    private final String what;
    private long total;
    private long reported = -1;
    private boolean failedOnce;

    /** {@code total} -1 when unknown. */
    ProgressReporter(ProgressListener listener, long total, String what) {
        this.listener = listener;
        this.total = total;
        this.what = what;
    }

    /** The bytes transferred so far, as a store counts them. */
    @Override
    public synchronized void accept(long transferred) {
        long now = total >= 0 ? Math.min(transferred, total) : transferred;
        if (now > reported) {
            report(now);
        }
    }

    /** The transfer succeeded with {@code size} bytes: the last report, at the total. */
    synchronized void completed(long size) {
        boolean totalLearned = total != size;
        total = size;
        // A stream of unknown length learns its total only now: the end is said again with it.
        if (reported < size || totalLearned) {
            report(size);
        }
    }

    private void report(long transferred) {
        reported = transferred;
        try {
            listener.onProgress(transferred, total);
        } catch (Throwable e) {
            if (!failedOnce) {
                failedOnce = true;
                LoggerFactory.getLogger("io.stowage").warn("Progress listener {} failed on the {}; the transfer goes on, "
                        + "and further failures of this listener are not logged", listener, what, e);
            }
        }
    }
}
