package io.stowage.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The context switches of this JVM's live threads so far, voluntary and not, read from
 * Linux's {@code /proc/self/task/<tid>/status}; -1 where there is no such file. Threads
 * that ended since an earlier reading take their switches with them, so the difference of
 * two readings counts those of threads that lived throughout (the event loops, the
 * server's and the callers' pools).
 *
 * <pre>{@code
 * long before = ContextSwitches.total();
 * // ... the measured work ...
 * long switches = ContextSwitches.total() - before;
 * }</pre>
 */
final class ContextSwitches {

    private static final Path TASKS = Path.of("/proc/self/task");

    private ContextSwitches() {
    }

    /** The sum over this JVM's live threads, or -1 where {@code /proc} is not there. */
    static long total() {
        if (!Files.isDirectory(TASKS)) {
            return -1;
        }
        long sum = 0;
        try (Stream<Path> tasks = Files.list(TASKS)) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                sum += ofTask(task.resolve("status"));
            }
        } catch (IOException e) {
            return -1;
        }
        return sum;
    }

    /**
     * The same switches by kind of thread: the thread's name as Linux keeps it (its first 15
     * characters) without its trailing number, so that a pool's threads count together.
     */
    static Map<String, Long> byThreadKind() {
        Map<String, Long> kinds = new TreeMap<>();
        if (!Files.isDirectory(TASKS)) {
            return kinds;
        }
        try (Stream<Path> tasks = Files.list(TASKS)) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String name = kindOf(task.resolve("comm"));
                if (name != null) {
                    kinds.merge(name, ofTask(task.resolve("status")), Long::sum);
                }
            }
        } catch (IOException e) {
            return kinds;
        }
        return kinds;
    }

    private static String kindOf(Path comm) {
        try {
            return Files.readString(comm).trim().replaceAll("[-#0-9]+$", "");
        } catch (IOException | RuntimeException ended) {
            return null;
        }
    }

    private static long ofTask(Path status) {
        long sum = 0;
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("voluntary_ctxt_switches:") || line.startsWith("nonvoluntary_ctxt_switches:")) {
                    sum += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                }
            }
        } catch (IOException | RuntimeException ended) {
            // The thread ended between the listing and the read: its switches are gone either way.
            return 0;
        }
        return sum;
    }
}
