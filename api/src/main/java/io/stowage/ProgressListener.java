package io.stowage;

/**
 * Told how far an upload or a download has got: the bytes transferred so far and the total
 * (-1 while unknown, as for a stream of unknown length until it ends). Reports never go back,
 * and the last one of a transfer that succeeded has {@code transferred == total}. Reports
 * come on the transfer's threads: keep the listener quick. What it throws is logged once and
 * ignored, never breaking the transfer.
 *
 * <pre>{@code
 * doc.content = S3File.of(path).withProgress((sent, total) -> bar.update(sent, total));
 * loaded.content.syncSaveTo(target, (received, total) -> bar.update(received, total));
 * }</pre>
 */
@FunctionalInterface
public interface ProgressListener {

    /** {@code transferred} bytes of {@code total} (-1 when not known yet). */
    void onProgress(long transferred, long total);
}
