package io.semisync.replica.stream;

import io.semisync.replica.config.DurationText;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * An experiment: makes this replica behave as one further away. Each ACK leaves {@code ackDelay} (± up to
 * {@code ackJitter}, uniformly) after the sync that covers it, never before an earlier ACK; the stream's bytes reach
 * the replica {@code receiveDelay} after they arrived. Off (all zero) in production.
 */
public record WanEmulation(Duration ackDelay, Duration ackJitter, Duration receiveDelay)
{
    /** No emulation. */
    public static final WanEmulation NONE = new WanEmulation(Duration.ZERO, Duration.ZERO, Duration.ZERO);

    public WanEmulation
    {
        if (ackDelay.isNegative() || ackJitter.isNegative() || receiveDelay.isNegative())
        {
            throw new IllegalArgumentException("delays and jitter must not be negative");
        }
    }

    /** Whether any delay is emulated. */
    public boolean active()
    {
        return delaysAcks() || !receiveDelay.isZero();
    }

    boolean delaysAcks()
    {
        return !ackDelay.isZero() || !ackJitter.isZero();
    }

    /** The delay of the next ACK: the fixed delay plus a uniform jitter, never negative. */
    long nextAckDelayNanos(final SplittableRandom random)
    {
        final long jitter = ackJitter.toNanos();
        final long offset = jitter == 0 ? 0 : random.nextLong(-jitter, jitter + 1);
        return Math.max(0, ackDelay.toNanos() + offset);
    }

    /** What is emulated, for the status and the log: e.g. {@code ack-delay=2ms±500us receive-delay=0}. */
    public String describe()
    {
        return "ack-delay=" + DurationText.format(ackDelay) + (ackJitter.isZero() ? "" : "±" + DurationText.format(ackJitter))
            + " receive-delay=" + DurationText.format(receiveDelay);
    }
}
