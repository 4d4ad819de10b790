package io.stowage.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The context switches of this JVM's threads, voluntary and not, read from Linux's
 * {@code /proc/self/task/<tid>/status}. A reading keeps each live thread's count; the
 * difference between two readings is taken thread by thread, so a thread that started in
 * between counts from zero and a thread that ended in between counts nothing (its switches
 * since the first reading are lost: the figure is a lower bound where threads end, as an
 * idle pool's do). Off Linux there is nothing to read and the counts are -1.
 *
 * <pre>{@code
 * ContextSwitches.Reading before = ContextSwitches.read();
 * // ... the measured work ...
 * long switches = ContextSwitches.read().since(before);
 * }</pre>
 */
final class ContextSwitches {

    private static final Path TASKS = Path.of("/proc/self/task");

    private ContextSwitches() {
    }

    /** One reading: per thread id, its kind and its switches so far. */
    static final class Reading {
        private final boolean supported;
        private final Map<String, Long> counts;
        private final Map<String, String> kinds;

        private Reading(boolean supported, Map<String, Long> counts, Map<String, String> kinds) {
            this.supported = supported;
            this.counts = counts;
            this.kinds = kinds;
        }

        /** The switches since {@code before} of the threads alive now, or -1 off Linux. */
        long since(Reading before) {
            if (!supported || !before.supported) {
                return -1;
            }
            long sum = 0;
            for (Map.Entry<String, Long> e : counts.entrySet()) {
                sum += e.getValue() - before.counts.getOrDefault(e.getKey(), 0L);
            }
            return sum;
        }

        /**
         * The same by kind of thread: the thread's name as Linux keeps it (its first 15
         * characters) without its trailing number, so that a pool's threads count together.
         */
        Map<String, Long> byKindSince(Reading before) {
            Map<String, Long> byKind = new TreeMap<>();
            for (Map.Entry<String, Long> e : counts.entrySet()) {
                byKind.merge(kinds.get(e.getKey()), e.getValue() - before.counts.getOrDefault(e.getKey(), 0L), Long::sum);
            }
            return byKind;
        }
    }

    /** The count of every live thread now. */
    static Reading read() {
        Map<String, Long> counts = new HashMap<>();
        Map<String, String> kinds = new HashMap<>();
        if (!Files.isDirectory(TASKS)) {
            return new Reading(false, counts, kinds);
        }
        try (Stream<Path> tasks = Files.list(TASKS)) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String kind = kindOf(task.resolve("comm"));
                long count = ofTask(task.resolve("status"));
                if (kind != null && count >= 0) {
                    String tid = task.getFileName().toString();
                    counts.put(tid, count);
                    kinds.put(tid, kind);
                }
            }
        } catch (IOException e) {
            return new Reading(false, counts, kinds);
        }
        return new Reading(true, counts, kinds);
    }

    private static String kindOf(Path comm) {
        try {
            return Files.readString(comm).trim().replaceAll("[-#0-9]+$", "");
        } catch (IOException | RuntimeException ended) {
            return null;
        }
    }

    /** The thread's switches, or -1 when it ended between the listing and the read. */
    private static long ofTask(Path status) {
        long sum = 0;
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("voluntary_ctxt_switches:") || line.startsWith("nonvoluntary_ctxt_switches:")) {
                    sum += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                }
            }
        } catch (IOException | RuntimeException ended) {
            return -1;
        }
        return sum;
    }
}
