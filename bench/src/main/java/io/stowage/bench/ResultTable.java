package io.stowage.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * The results of a run as a table, for the console (aligned text) and for quoting
 * (markdown): per scenario the raw and Stowage medians of time and of allocated bytes,
 * their ratios, and the peak heap
 * increase of the large-file scenarios (heap in use / live heap); then what each side did.
 *
 * <pre>{@code
 * ResultTable table = new ResultTable(measurements, config);
 * System.out.println(table.toText());
 * table.writeMarkdown(Path.of("target/bench-results.md"));
 * }</pre>
 */
public final class ResultTable {

    private static final String[] HEADER = {"scenario", "raw ms", "Stowage ms", "time ratio (IQR)", "raw alloc KiB",
        "Stowage alloc KiB", "alloc ratio", "raw heap Δ MiB (in use / live)", "Stowage heap Δ MiB (in use / live)"};

    private final List<Measurement> rows;
    private final BenchConfig config;
    private final LocalDate date;

    public ResultTable(List<Measurement> rows, BenchConfig config) {
        this(rows, config, LocalDate.now());
    }

    ResultTable(List<Measurement> rows, BenchConfig config, LocalDate date) {
        this.rows = List.copyOf(rows);
        this.config = config;
        this.date = date;
    }

    public List<Measurement> rows() {
        return rows;
    }

    /** Aligned columns for a terminal. */
    public String toText() {
        List<String[]> cells = cells();
        int[] widths = new int[HEADER.length];
        for (String[] row : cells) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < cells.size(); r++) {
            String[] row = cells.get(r);
            for (int i = 0; i < row.length; i++) {
                String cell = row[i];
                // Text left, numbers right, as a reader scans them.
                out.append(i == 0 ? pad(cell, widths[i], false) : pad(cell, widths[i], true));
                out.append(i == row.length - 1 ? "\n" : "  ");
            }
            if (r == 0) {
                for (int i = 0; i < widths.length; i++) {
                    out.append("-".repeat(widths[i])).append(i == widths.length - 1 ? "\n" : "  ");
                }
            }
        }
        return out.append(environmentLine()).append('\n').toString();
    }

    /** A markdown table with the run's settings and a legend of what each side did. */
    public String toMarkdown() {
        List<String[]> cells = cells();
        StringBuilder out = new StringBuilder("# Stowage vs raw AWS SDK v2\n\n");
        out.append(environmentLine()).append("\n\n");
        for (int r = 0; r < cells.size(); r++) {
            out.append("| ").append(String.join(" | ", cells.get(r))).append(" |\n");
            if (r == 0) {
                out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            }
        }
        out.append("\nTimes (medians, ms) and allocations (medians, KiB allocated on the heap by the client's "
                + "threads) are per call; a ratio is Stowage over raw, above 1 meaning Stowage costs more. The time ratio is "
                + "the median of the per-round ratios (both sides of a round run back to back), with their "
                + "interquartile range. Heap: peak "
                + "increase over the live set before the call; *in use* is sampled every 5 ms during the timed "
                + "rounds and counts garbage not yet collected, *live* is sampled after forced collections in one "
                + "untimed round per side; - where not sampled.\n\n");
        out.append("| scenario | raw side | Stowage side | Stowage's store calls per operation (count, mean ms) |\n"
                + "|---|---|---|---|\n");
        for (Measurement m : rows) {
            out.append("| ").append(m.scenario()).append(" | ").append(m.rawDescription()).append(" | ")
                    .append(m.stowageDescription()).append(" | ").append(m.stowageCalls()).append(" |\n");
        }
        return out.toString();
    }

    public void writeMarkdown(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, toMarkdown());
    }

    private String environmentLine() {
        String warmUp = config.warmupRounds() == 0 ? "without warm-up"
                : "after " + config.warmupRounds() + " warm-up rounds and then more while the JIT compiled for 5 % or more of a "
                + "second's rounds, for at most 30 s (120 s for the first scenario)";
        return String.format(Locale.ROOT, "%s, %d cores, Java %s; s3proxy (in-process, objects in files) and dynalite on "
                        + "loopback; medians of %d rounds %s (%s).",
                date, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                config.rounds(), warmUp, config);
    }

    private List<String[]> cells() {
        List<String[]> cells = new ArrayList<>();
        cells.add(HEADER);
        for (Measurement m : rows) {
            cells.add(new String[] {
                m.scenario(),
                millis(m.rawMedianMillis()),
                millis(m.stowageMedianMillis()),
                ratio(m.ratio()) + " (" + ratio(m.ratioLowerQuartile()) + "-" + ratio(m.ratioUpperQuartile()) + ")",
                kib(m.rawMedianAllocatedBytes()),
                kib(m.stowageMedianAllocatedBytes()),
                ratio(m.allocationRatio()),
                heap(m.rawPeakHeapBytes(), m.rawPeakLiveHeapBytes()),
                heap(m.stowagePeakHeapBytes(), m.stowagePeakLiveHeapBytes()),
            });
        }
        return cells;
    }

    private static String ratio(double ratio) {
        return Double.isNaN(ratio) ? "-" : String.format(Locale.ROOT, "%.2f", ratio);
    }

    private static String kib(double bytes) {
        return String.format(Locale.ROOT, "%,.0f", bytes / 1024);
    }

    private static String millis(double ms) {
        return String.format(Locale.ROOT, ms < 10 ? "%.2f" : "%.1f", ms);
    }

    private static String heap(OptionalLong inUse, OptionalLong live) {
        if (inUse.isEmpty()) {
            return "-";
        }
        return Sizes.mib(inUse.getAsLong()) + " / " + (live.isPresent() ? Sizes.mib(live.getAsLong()) : "-");
    }

    private static String pad(String s, int width, boolean right) {
        String fill = " ".repeat(Math.max(0, width - s.length()));
        return right ? fill + s : s + fill;
    }
}
