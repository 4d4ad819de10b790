package io.stowage.testbackends.internal;

/**
 * The tail of a child process's output, kept to a fixed number of characters so that a
 * chatty server cannot grow the test JVM's memory. Thread-safe.
 *
 * <pre>{@code
 * BoundedLog stderr = new BoundedLog(64 * 1024);
 * stderr.append("listening");
 * String text = stderr.text();
 * }</pre>
 */
public final class BoundedLog {

    private final int maxChars;
    private final StringBuilder text = new StringBuilder();
    private boolean truncated;

    /** A log keeping at most {@code maxChars} characters (the latest ones). */
    public BoundedLog(int maxChars) {
        if (maxChars < 1) {
            throw new IllegalArgumentException("maxChars must be >= 1, was " + maxChars);
        }
        this.maxChars = maxChars;
    }

    /** Appends one line. */
    public synchronized void append(String line) {
        text.append(line).append('\n');
        int excess = text.length() - maxChars;
        if (excess > 0) {
            text.delete(0, excess);
            truncated = true;
        }
    }

    /** What is kept, marked when older lines were dropped. */
    public synchronized String text() {
        return (truncated ? "[...]\n" : "") + text;
    }
}
