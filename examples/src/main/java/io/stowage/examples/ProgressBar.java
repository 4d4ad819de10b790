package io.stowage.examples;

import io.stowage.ProgressListener;
import java.io.PrintStream;

/**
 * A text progress bar for an upload or a download: redrawn in place ({@code \r}) at every
 * 5 %, ended with a line break at 100 %.
 *
 * <pre>{@code
 * doc.content = S3File.of(path).withProgress(new ProgressBar(System.out, "upload  "));
 * }</pre>
 */
final class ProgressBar implements ProgressListener {

    private static final int WIDTH = 20;

    private final PrintStream out;
    private final String label;
    private int drawn = -1;

    ProgressBar(PrintStream out, String label) {
        this.out = out;
        this.label = label;
    }

    @Override
    public synchronized void onProgress(long transferred, long total) {
        int percent = total > 0 ? (int) (transferred * 100 / total) : 0;
        int step = percent / 5;
        if (step == drawn) {
            return;
        }
        drawn = step;
        int filled = percent * WIDTH / 100;
        out.printf("\r%s [%s%s] %3d%% %5.1f/%.1f MiB", label, "#".repeat(filled), "-".repeat(WIDTH - filled), percent,
                transferred / 1048576.0, Math.max(total, 0) / 1048576.0);
        if (percent == 100) {
            out.println();
        }
        out.flush();
    }
}
