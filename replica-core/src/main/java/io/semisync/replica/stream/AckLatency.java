package io.semisync.replica.stream;

import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.util.concurrent.TimeUnit;

/**
 * ACK latency, from reading a flagged event to writing its ACK, split into waiting (the rest of the read
 * batch is processed), sync (the durability barrier) and send (encoding and writing the ACK). Recorded on
 * the stream's thread without allocating; read with {@link #copy()} from any thread.
 */
public final class AckLatency
{
    private static final long HIGHEST_NANOS = TimeUnit.MINUTES.toNanos(10);

    private final Histogram waiting = new Histogram(HIGHEST_NANOS, 3);
    private final Histogram sync = new Histogram(HIGHEST_NANOS, 3);
    private final Histogram send = new Histogram(HIGHEST_NANOS, 3);
    private final Histogram total = new Histogram(HIGHEST_NANOS, 3);

    synchronized void record(final long readNanos, final long syncStartNanos, final long syncEndNanos, final long sentNanos)
    {
        waiting.recordValue(Math.min(HIGHEST_NANOS, syncStartNanos - readNanos));
        sync.recordValue(Math.min(HIGHEST_NANOS, syncEndNanos - syncStartNanos));
        send.recordValue(Math.min(HIGHEST_NANOS, sentNanos - syncEndNanos));
        total.recordValue(Math.min(HIGHEST_NANOS, sentNanos - readNanos));
    }

    /** A snapshot that later recording does not change. */
    public synchronized AckLatency copy()
    {
        final AckLatency copy = new AckLatency();
        copy.waiting.add(waiting);
        copy.sync.add(sync);
        copy.send.add(send);
        copy.total.add(total);
        return copy;
    }

    public long count()
    {
        return total.getTotalCount();
    }

    /** Adds another recording to this one. */
    public synchronized void add(final AckLatency other)
    {
        final AckLatency snapshot = other.copy();
        waiting.add(snapshot.waiting);
        sync.add(snapshot.sync);
        send.add(snapshot.send);
        total.add(snapshot.total);
    }

    /** Prints count, p50, p99 and max of each part in microseconds. */
    public synchronized void print(final PrintStream out)
    {
        out.printf("ACK latency (us) over %d ACKs:%n", total.getTotalCount());
        out.printf("  %-8s %10s %10s %10s%n", "part", "p50", "p99", "max");
        line(out, "waiting", waiting);
        line(out, "sync", sync);
        line(out, "send", send);
        line(out, "total", total);
    }

    private static void line(final PrintStream out, final String name, final Histogram histogram)
    {
        out.printf("  %-8s %10.1f %10.1f %10.1f%n", name,
            histogram.getValueAtPercentile(50) / 1000.0, histogram.getValueAtPercentile(99) / 1000.0, histogram.getMaxValue() / 1000.0);
    }
}
