package io.semisync.replica.stream;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

import java.io.PrintStream;
import java.util.concurrent.TimeUnit;

/**
 * ACK latency, from reading a flagged event to writing its ACK, split into waiting (the rest of the read
 * batch is processed), sync (the durability barrier) and send (encoding and writing the ACK). The stream's
 * thread records wait-free and without allocating (HdrHistogram's single-writer recorders); readers on any
 * thread take what was recorded since they last looked into a running total.
 */
public final class AckLatency
{
    private static final long HIGHEST_NANOS = TimeUnit.MINUTES.toNanos(10);
    private static final int SIGNIFICANT_DIGITS = 3;

    private final Part waiting = new Part();
    private final Part sync = new Part();
    private final Part send = new Part();
    private final Part total = new Part();

    void record(final long readNanos, final long syncStartNanos, final long syncEndNanos, final long sentNanos)
    {
        waiting.record(syncStartNanos - readNanos);
        sync.record(syncEndNanos - syncStartNanos);
        send.record(sentNanos - syncEndNanos);
        total.record(sentNanos - readNanos);
    }

    /** A snapshot that later recording does not change. */
    public synchronized AckLatency copy()
    {
        final AckLatency copy = new AckLatency();
        copy.waiting.recorded.add(waiting.collect());
        copy.sync.recorded.add(sync.collect());
        copy.send.recorded.add(send.collect());
        copy.total.recorded.add(total.collect());
        return copy;
    }

    /** ACKs recorded so far. */
    public synchronized long count()
    {
        return total.collect().getTotalCount();
    }

    /** Whole ACK latencies recorded so far, in nanoseconds: a copy, for exporters. */
    public synchronized Histogram totalNanos()
    {
        return total.collect().copy();
    }

    /** The sync part of the ACK latencies recorded so far, in nanoseconds: a copy, for exporters. */
    public synchronized Histogram syncNanos()
    {
        return sync.collect().copy();
    }

    /** Prints count, p50, p99 and max of each part in microseconds. */
    public synchronized void print(final PrintStream out)
    {
        final Histogram all = total.collect();
        out.printf("ACK latency (us) over %d ACKs:%n", all.getTotalCount());
        out.printf("  %-8s %10s %10s %10s%n", "part", "p50", "p99", "max");
        line(out, "waiting", waiting.collect());
        line(out, "sync", sync.collect());
        line(out, "send", send.collect());
        line(out, "total", all);
    }

    private static void line(final PrintStream out, final String name, final Histogram histogram)
    {
        out.printf("  %-8s %10.1f %10.1f %10.1f%n", name,
            histogram.getValueAtPercentile(50) / 1000.0, histogram.getValueAtPercentile(99) / 1000.0, histogram.getMaxValue() / 1000.0);
    }

    /** One part: a recorder the stream writes, and the total of what readers have taken from it. */
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
