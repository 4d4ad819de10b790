package io.stowage.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;

/**
 * The measured rounds of one scenario: a time and an allocation count per call for each
 * side and, for the
 * large-file scenarios, the peak heap increase of each call (heap in use) and of the
 * untimed live-heap rounds. Medians resist the odd slow
 * round that a shared machine produces.
 *
 * <pre>{@code
 * Measurement m = new Measurement("load metadata", "DynamoDB getItem", "table.get", false);
 * m.addRaw(2.1, 48_000, 0);
 * m.addStowage(2.4, 61_000, 0);
 * double ratio = m.ratio();   // 1.14, from the one round
 * }</pre>
 */
public final class Measurement {

    private final String scenario;
    private final String rawDescription;
    private final String stowageDescription;
    private final boolean tracksHeap;
    private final List<Double> rawMillis = new ArrayList<>();
    private final List<Double> stowageMillis = new ArrayList<>();
    private final List<Double> rawAllocated = new ArrayList<>();
    private final List<Double> stowageAllocated = new ArrayList<>();
    private final List<Long> rawHeap = new ArrayList<>();
    private final List<Long> stowageHeap = new ArrayList<>();
    private final List<Long> rawLiveHeap = new ArrayList<>();
    private final List<Long> stowageLiveHeap = new ArrayList<>();
    private String stowageCalls = "";

    public Measurement(String scenario, String rawDescription, String stowageDescription, boolean tracksHeap) {
        this.scenario = scenario;
        this.rawDescription = rawDescription;
        this.stowageDescription = stowageDescription;
        this.tracksHeap = tracksHeap;
    }

    /** Records one raw round: milliseconds and bytes allocated per call, peak heap increase in bytes. */
    public void addRaw(double millis, double allocatedBytes, long heapBytes) {
        rawMillis.add(millis);
        rawAllocated.add(allocatedBytes);
        rawHeap.add(heapBytes);
    }

    /** Records one Stowage round: milliseconds and bytes allocated per call, peak heap increase in bytes. */
    public void addStowage(double millis, double allocatedBytes, long heapBytes) {
        stowageMillis.add(millis);
        stowageAllocated.add(allocatedBytes);
        stowageHeap.add(heapBytes);
    }

    /** Records the live-heap increase of an untimed raw round. */
    public void addRawLiveHeap(long heapBytes) {
        rawLiveHeap.add(heapBytes);
    }

    /** Records the live-heap increase of an untimed Stowage round. */
    public void addStowageLiveHeap(long heapBytes) {
        stowageLiveHeap.add(heapBytes);
    }

    /** Records the store calls one Stowage operation made, as {@link CallBreakdown#stop} describes them. */
    public void stowageCalls(String calls) {
        this.stowageCalls = calls;
    }

    /** The store calls of one Stowage operation and the time of each, or empty when not recorded. */
    public String stowageCalls() {
        return stowageCalls;
    }

    public String scenario() {
        return scenario;
    }

    public String rawDescription() {
        return rawDescription;
    }

    public String stowageDescription() {
        return stowageDescription;
    }

    public boolean tracksHeap() {
        return tracksHeap;
    }

    public int rounds() {
        return Math.min(rawMillis.size(), stowageMillis.size());
    }

    /** Every raw round's time per call, in the order measured. */
    public List<Double> rawMillis() {
        return Collections.unmodifiableList(rawMillis);
    }

    /** Every Stowage round's time per call, in the order measured. */
    public List<Double> stowageMillis() {
        return Collections.unmodifiableList(stowageMillis);
    }

    public double rawMedianMillis() {
        return median(rawMillis);
    }

    public double stowageMedianMillis() {
        return median(stowageMillis);
    }

    /**
     * The median of the per-round ratios, Stowage's time over raw's in the same round:
     * above 1 means Stowage is slower. Both sides of a round run back to back, so a
     * round's ratio cancels most of the load that other processes put on the machine
     * at that moment, which a ratio of the two medians would not.
     */
    public double ratio() {
        return median(roundRatios());
    }

    /** The first quartile of the per-round ratios: how far the ratio spreads down. */
    public double ratioLowerQuartile() {
        return quantile(roundRatios(), 0.25);
    }

    /** The third quartile of the per-round ratios: how far the ratio spreads up. */
    public double ratioUpperQuartile() {
        return quantile(roundRatios(), 0.75);
    }

    private List<Double> roundRatios() {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < rounds(); i++) {
            ratios.add(stowageMillis.get(i) / rawMillis.get(i));
        }
        return ratios;
    }

    /** Median bytes the raw side allocated per call (0 where allocations cannot be counted). */
    public double rawMedianAllocatedBytes() {
        return median(rawAllocated);
    }

    /** Median bytes the Stowage side allocated per call (0 where allocations cannot be counted). */
    public double stowageMedianAllocatedBytes() {
        return median(stowageAllocated);
    }

    /** Stowage's median allocation over the raw one; NaN when nothing was counted. */
    public double allocationRatio() {
        double raw = rawMedianAllocatedBytes();
        return raw > 0 ? stowageMedianAllocatedBytes() / raw : Double.NaN;
    }

    /** The largest increase of heap in use (garbage included) of any raw round, when sampled. */
    public OptionalLong rawPeakHeapBytes() {
        return peak(rawHeap);
    }

    /** The largest increase of heap in use (garbage included) of any Stowage round, when sampled. */
    public OptionalLong stowagePeakHeapBytes() {
        return peak(stowageHeap);
    }

    /** The largest increase of live heap of the raw side, when sampled. */
    public OptionalLong rawPeakLiveHeapBytes() {
        return peak(rawLiveHeap);
    }

    /** The largest increase of live heap of the Stowage side, when sampled. */
    public OptionalLong stowagePeakLiveHeapBytes() {
        return peak(stowageLiveHeap);
    }

    private OptionalLong peak(List<Long> values) {
        if (!tracksHeap || values.isEmpty()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Collections.max(values));
    }

    private static double median(List<Double> values) {
        return quantile(values, 0.5);
    }

    /** Linear interpolation between the closest ranks, as spreadsheets compute it. */
    private static double quantile(List<Double> values, double q) {
        if (values.isEmpty()) {
            throw new IllegalStateException("no rounds measured");
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        double rank = q * (sorted.size() - 1);
        int low = (int) Math.floor(rank);
        int high = (int) Math.ceil(rank);
        return sorted.get(low) + (sorted.get(high) - sorted.get(low)) * (rank - low);
    }
}
