package io.semisync.replica.stream;

/**
 * The transactions stored that no ACK has covered yet, with what their latency stages and the trace need: a
 * preallocated ring, so the stream records them without allocating. An ACK covers every transaction before it (MySQL
 * asks for one per commit group). A burst beyond its capacity keeps the newest; the older ones' stages are not
 * recorded (their ACK still goes out).
 */
final class AwaitedTransactions
{
    static final int CAPACITY = 4096;
    private static final int MASK = CAPACITY - 1;

    private final long[] commitEpochNanos = new long[CAPACITY];
    private final long[] firstNanos = new long[CAPACITY];
    private final long[] lastNanos = new long[CAPACITY];
    private final TransactionId[] ids = new TransactionId[CAPACITY];
    private long head;
    private long tail;

    AwaitedTransactions()
    {
        for (int i = 0; i < CAPACITY; i++)
        {
            ids[i] = new TransactionId();
        }
    }

    /** A transaction whose last event arrived at {@code lastNanos}. */
    void add(final TransactionId id, final long commitEpochNanos, final long firstNanos, final long lastNanos)
    {
        final int slot = (int)(tail & MASK);
        ids[slot].copyOf(id);
        this.commitEpochNanos[slot] = commitEpochNanos;
        this.firstNanos[slot] = firstNanos;
        this.lastNanos[slot] = lastNanos;
        tail++;
        head = Math.max(head, tail - CAPACITY);
    }

    /** A mark after every transaction added so far, for an ACK that covers them all. */
    long end()
    {
        return tail;
    }

    /** Drops the transactions before {@code end} unrecorded: made durable with no ACK waiting for them. */
    void forgetUpTo(final long end)
    {
        head = Math.max(head, end);
    }

    /** Records the stages of each transaction before {@code end} not recorded yet, all covered by the ACK of {@code ack}. */
    void acknowledge(final long end, final AckTimes ack, final long epochOffsetNanos, final AckLatency latency)
    {
        for (; head < end; head++)
        {
            final int slot = (int)(head & MASK);
            latency.recordTransaction(ids[slot], commitEpochNanos[slot], firstNanos[slot], lastNanos[slot], ack, epochOffsetNanos);
        }
    }
}
