package io.semisync.replica.stream;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

import java.io.PrintStream;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where each acknowledged transaction's time went ({@link LatencyStage}), and how many ACKs were sent. The stream's
 * thread records wait-free and without allocating (HdrHistogram's single-writer recorders); readers on any thread
 * take what was recorded since they last looked into a running total.
 */
public final class AckLatency
{
    private static final long HIGHEST_NANOS = TimeUnit.MINUTES.toNanos(10);
    private static final int SIGNIFICANT_DIGITS = 3;

    private final Map<LatencyStage, Part> parts = new EnumMap<>(LatencyStage.class);
    private final AtomicLong acks = new AtomicLong();
    private LatencyTrace trace;

    public AckLatency()
    {
        for (final LatencyStage stage : LatencyStage.values())
        {
            parts.put(stage, new Part());
        }
    }

    /** Also writes each acknowledged transaction into {@code trace}; set before the stream starts. */
    public void traceTo(final LatencyTrace trace)
    {
        this.trace = trace;
    }

    /**
     * One acknowledged transaction. Times are on the stream's ticker except {@code commitEpochNanos}, the source's
     * commit time on the epoch (negative when unknown), which {@code epochOffsetNanos} relates to the ticker's.
     */
    void recordTransaction(final TransactionId id, final long commitEpochNanos, final long firstNanos, final long lastNanos,
        final AckTimes ack, final long epochOffsetNanos)
    {
        if (trace != null)
        {
            trace.record(id, commitEpochNanos, firstNanos, lastNanos, ack, epochOffsetNanos);
        }
        if (commitEpochNanos >= 0)
        {
            parts.get(LatencyStage.SOURCE).record(firstNanos + epochOffsetNanos - commitEpochNanos);
            parts.get(LatencyStage.COMMIT_TO_ACK).record(ack.sentNanos() + epochOffsetNanos - commitEpochNanos);
        }
        parts.get(LatencyStage.RECEIVE).record(lastNanos - firstNanos);
        parts.get(LatencyStage.WAITING).record(ack.syncStartNanos() - lastNanos);
        parts.get(LatencyStage.SYNC).record(ack.syncEndNanos() - ack.syncStartNanos());
        parts.get(LatencyStage.DELAY).record(ack.sendStartNanos() - ack.syncEndNanos());
        parts.get(LatencyStage.SEND).record(ack.sentNanos() - ack.sendStartNanos());
        parts.get(LatencyStage.TOTAL).record(ack.sentNanos() - lastNanos);
    }

    /** One ACK sent. */
    void recordAck()
    {
        acks.lazySet(acks.get() + 1);
    }

    /** A snapshot that later recording does not change. */
    public synchronized AckLatency copy()
    {
        final AckLatency copy = new AckLatency();
        parts.forEach((stage, part) -> copy.parts.get(stage).recorded.add(part.collect()));
        copy.acks.set(acks.get());
        return copy;
    }

    /** ACKs sent so far. */
    public long count()
    {
        return acks.get();
    }

    /** One stage's latencies of the transactions acknowledged so far, in nanoseconds: a copy, for exporters. */
    public synchronized Histogram nanos(final LatencyStage stage)
    {
        return parts.get(stage).collect().copy();
    }

    /** Each stage's median in whole microseconds, for a status line: {@code stage p50 us: receive=0 waiting=110 ...}; empty before any. */
    public synchronized String medians()
    {
        if (parts.get(LatencyStage.TOTAL).collect().getTotalCount() == 0)
        {
            return "";
        }
        final StringBuilder line = new StringBuilder("stage p50 us:");
        for (final LatencyStage stage : LatencyStage.values())
        {
            final Histogram histogram = parts.get(stage).collect();
            if (histogram.getTotalCount() > 0)
            {
                line.append(' ').append(stage.label()).append('=').append(histogram.getValueAtPercentile(50) / 1000);
            }
        }
        return line.toString();
    }

    /**
     * Prints count, p50, p99 and max of each stage in microseconds; the stages that need the source's commit time only
     * when it was known.
     */
    public synchronized void print(final PrintStream out)
    {
        out.printf("ACK latency (us) over %d ACKs:%n", acks.get());
        out.printf("  %-13s %10s %10s %10s   over %d transactions%n", "stage", "p50", "p99", "max",
            parts.get(LatencyStage.TOTAL).collect().getTotalCount());
        for (final LatencyStage stage : LatencyStage.values())
        {
            final Histogram histogram = parts.get(stage).collect();
            if (!stage.needsCommitTime() || histogram.getTotalCount() > 0)
            {
                out.printf("  %-13s %10.1f %10.1f %10.1f%n", stage.label(), histogram.getValueAtPercentile(50) / 1000.0,
                    histogram.getValueAtPercentile(99) / 1000.0, histogram.getMaxValue() / 1000.0);
            }
        }
    }

    /** One stage: a recorder the stream writes, and the total of what readers have taken from it. */
    private static final class Part
    {
        private final SingleWriterRecorder recorder = new SingleWriterRecorder(HIGHEST_NANOS, SIGNIFICANT_DIGITS);
        private final Histogram recorded = new Histogram(HIGHEST_NANOS, SIGNIFICANT_DIGITS);
        private Histogram interval;

        void record(final long nanos)
        {
            recorder.recordValue(Math.min(HIGHEST_NANOS, Math.max(0, nanos)));
        }

        /** Adds what was recorded since the last call to the total and returns the total; readers hold the lock. */
        Histogram collect()
        {
            interval = recorder.getIntervalHistogram(interval);
            recorded.add(interval);
            return recorded;
        }
    }
}
