package io.semisync.replica.stream;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.WriterReaderPhaser;

import java.io.PrintStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where each acknowledged transaction's time went ({@link LatencyStage}), and how many ACKs were sent. The stream's
 * thread records all of a transaction's stages in one wait-free critical section of a {@link WriterReaderPhaser}
 * (two atomic increments per transaction, however many stages) into histograms it alone writes, without allocating;
 * readers on any thread swap those for spares and add what was recorded into a running total.
 */
public final class AckLatency
{
    private static final long HIGHEST_NANOS = TimeUnit.MINUTES.toNanos(10);
    private static final int SIGNIFICANT_DIGITS = 3;
    private static final int STAGES = LatencyStage.values().length;

    private final WriterReaderPhaser phaser = new WriterReaderPhaser();
    private final Histogram[] recorded = histograms();
    private final AtomicLong acks = new AtomicLong();
    private volatile Histogram[] active = histograms();
    private Histogram[] spare = histograms();
    private LatencyTrace trace;

    private static Histogram[] histograms()
    {
        final Histogram[] histograms = new Histogram[STAGES];
        for (int i = 0; i < STAGES; i++)
        {
            histograms[i] = new Histogram(HIGHEST_NANOS, SIGNIFICANT_DIGITS);
        }
        return histograms;
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
        final long critical = phaser.writerCriticalSectionEnter();
        try
        {
            final Histogram[] stages = active;
            if (commitEpochNanos >= 0)
            {
                record(stages, LatencyStage.SOURCE, firstNanos + epochOffsetNanos - commitEpochNanos);
                record(stages, LatencyStage.COMMIT_TO_ACK, ack.sentNanos() + epochOffsetNanos - commitEpochNanos);
            }
            record(stages, LatencyStage.RECEIVE, lastNanos - firstNanos);
            record(stages, LatencyStage.WAITING, ack.syncStartNanos() - lastNanos);
            record(stages, LatencyStage.SYNC, ack.syncEndNanos() - ack.syncStartNanos());
            record(stages, LatencyStage.DELAY, ack.sendStartNanos() - ack.syncEndNanos());
            record(stages, LatencyStage.SEND, ack.sentNanos() - ack.sendStartNanos());
            record(stages, LatencyStage.TOTAL, ack.sentNanos() - lastNanos);
        }
        finally
        {
            phaser.writerCriticalSectionExit(critical);
        }
    }

    private static void record(final Histogram[] stages, final LatencyStage stage, final long nanos)
    {
        stages[stage.ordinal()].recordValue(Math.min(HIGHEST_NANOS, Math.max(0, nanos)));
    }

    /** One ACK sent. */
    void recordAck()
    {
        acks.lazySet(acks.get() + 1);
    }

    /** Adds what the stream recorded since the last call to the running totals; readers hold this object's lock. */
    private Histogram[] collect()
    {
        phaser.readerLock();
        try
        {
            final Histogram[] written = active;
            active = spare;
            phaser.flipPhase();
            for (int i = 0; i < STAGES; i++)
            {
                recorded[i].add(written[i]);
                written[i].reset();
            }
            spare = written;
        }
        finally
        {
            phaser.readerUnlock();
        }
        return recorded;
    }

    /** A snapshot that later recording does not change. */
    public synchronized AckLatency copy()
    {
        final AckLatency copy = new AckLatency();
        final Histogram[] totals = collect();
        for (int i = 0; i < STAGES; i++)
        {
            copy.recorded[i].add(totals[i]);
        }
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
        return collect()[stage.ordinal()].copy();
    }

    /** Each stage's median in whole microseconds, for a status line: {@code stage p50 us: receive=0 waiting=110 ...}; empty before any. */
    public synchronized String medians()
    {
        final Histogram[] totals = collect();
        if (totals[LatencyStage.TOTAL.ordinal()].getTotalCount() == 0)
        {
            return "";
        }
        final StringBuilder line = new StringBuilder("stage p50 us:");
        for (final LatencyStage stage : LatencyStage.values())
        {
            final Histogram histogram = totals[stage.ordinal()];
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
        final Histogram[] totals = collect();
        out.printf("ACK latency (us) over %d ACKs:%n", acks.get());
        out.printf("  %-13s %10s %10s %10s   over %d transactions%n", "stage", "p50", "p99", "max",
            totals[LatencyStage.TOTAL.ordinal()].getTotalCount());
        for (final LatencyStage stage : LatencyStage.values())
        {
            final Histogram histogram = totals[stage.ordinal()];
            if (!stage.needsCommitTime() || histogram.getTotalCount() > 0)
            {
                out.printf("  %-13s %10.1f %10.1f %10.1f%n", stage.label(), histogram.getValueAtPercentile(50) / 1000.0,
                    histogram.getValueAtPercentile(99) / 1000.0, histogram.getMaxValue() / 1000.0);
            }
        }
    }
}
