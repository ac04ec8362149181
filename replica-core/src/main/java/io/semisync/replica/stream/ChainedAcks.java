package io.semisync.replica.stream;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Chained durability ({@code --upstream-ack-waits-for N}): our ACK to the source for a position waits until N semisync
 * downstream replicas have acknowledged that position or a later one. Each downstream reports its ACKs, on the
 * replication endpoint's threads, through its own {@link Downstream}; the position N of them have reached is
 * published in one volatile field, which the stream handler reads on its event loop without a lock, and the handler
 * is woken by the task it registered. Also holds what the admin endpoint shows: whether the chain has fallen back to
 * ACKing after our own sync alone, and how often it timed out.
 */
public final class ChainedAcks
{
    private static final Runnable NOBODY = () ->
    {
    };

    private final int needed;
    private final long timeoutNanos;
    private final List<Downstream> downstreams = new CopyOnWriteArrayList<>();
    private final AtomicLong timeouts = new AtomicLong();
    private volatile AckedPosition reached;
    private final AtomicReference<Runnable> onAdvance = new AtomicReference<>(NOBODY);
    private volatile boolean fallenBack;

    /**
     * A position in the source's binlog that a downstream acknowledged.
     *
     * @param file     the source's binlog file
     * @param position the end position of the acknowledged event in it
     */
    public record AckedPosition(String file, long position)
    {
        /** Orders binlog file names of one server: their numbers grow, and a number with more digits is a later one. */
        public static int compareFiles(final String a, final String b)
        {
            return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
        }

        /** Whether this position is the one given or a later one. */
        public boolean covers(final String otherFile, final long otherPosition)
        {
            final int order = compareFiles(file, otherFile);
            return order > 0 || (order == 0 && position >= otherPosition);
        }

        @Override
        public String toString()
        {
            return file + ":" + position;
        }
    }

    /** One semisync downstream replica's dump: its ACKs count until it ends. */
    public final class Downstream implements AutoCloseable
    {
        private volatile AckedPosition last;

        /** Called on the replication endpoint's thread for each ACK the downstream sends. */
        public void acked(final String file, final long position)
        {
            last = new AckedPosition(file, position);
            recompute();
        }

        @Override
        public void close()
        {
            downstreams.remove(this);
            recompute();
        }
    }

    /**
     * @param needed       how many downstream ACKs each of our ACKs waits for, at least 1
     * @param timeoutNanos how long one of our ACKs waits for them before the chain falls back
     */
    public ChainedAcks(final int needed, final long timeoutNanos)
    {
        if (needed < 1)
        {
            throw new IllegalArgumentException("a chained ACK waits for at least one downstream ACK, not " + needed);
        }
        this.needed = needed;
        this.timeoutNanos = timeoutNanos;
    }

    /** A semisync downstream's dump begins. */
    public Downstream join()
    {
        final Downstream downstream = new Downstream();
        downstreams.add(downstream);
        return downstream;
    }

    /** Whether {@code needed} downstreams have acknowledged this position or a later one; lock-free. */
    public boolean covers(final String file, final long position)
    {
        final AckedPosition acked = reached;
        return acked != null && acked.covers(file, position);
    }

    /** The task run (on a downstream's thread) each time the position N downstreams reached moves; it should only hand over. */
    public void onAdvance(final Runnable task)
    {
        onAdvance.set(task);
    }

    /** Stops running {@code task}, unless another took its place (the stream of a reconnect). */
    public void stopRunning(final Runnable task)
    {
        onAdvance.compareAndSet(task, NOBODY);
    }

    private synchronized void recompute()
    {
        final List<AckedPosition> lasts = new ArrayList<>(downstreams.size());
        for (final Downstream downstream : downstreams)
        {
            final AckedPosition last = downstream.last;
            if (last != null)
            {
                lasts.add(last);
            }
        }
        lasts.sort(Comparator.comparing(AckedPosition::file, AckedPosition::compareFiles).thenComparingLong(AckedPosition::position)
            .reversed());
        final AckedPosition now = lasts.size() < needed ? null : lasts.get(needed - 1);
        final AckedPosition before = reached;
        reached = now;
        if (now != null && (before == null || !before.equals(now)))
        {
            onAdvance.get().run();
        }
    }

    public int needed()
    {
        return needed;
    }

    public long timeoutNanos()
    {
        return timeoutNanos;
    }

    void fallBack()
    {
        fallenBack = true;
        timeouts.incrementAndGet();
    }

    void resume()
    {
        fallenBack = false;
    }

    /** Whether our ACKs wait for the downstreams now: off after a timeout until they catch up. */
    public boolean active()
    {
        return !fallenBack;
    }

    /** How often an ACK waited the whole timeout and the chain fell back. */
    public long timeouts()
    {
        return timeouts.get();
    }

    /** The position {@code needed} downstreams have reached, empty before they have. */
    public String reached()
    {
        final AckedPosition position = reached;
        return position == null ? "" : position.toString();
    }
}
