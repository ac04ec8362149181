package io.semisync.replica.cdc.kafka;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * What a Kafka sink has published since it started: records and Kafka transactions committed, failed attempts, the
 * committed position and when, how far behind the source that commit was (the source's second-granular event time), how
 * many durable relay-log transactions it has still to publish, and the rate from its first record sent to its last commit.
 */
public final class PublisherStatus
{
    private final String transactionalId;
    private long firstSendNanos;
    private long records;
    private long transactions;
    private long failures;
    private String position;
    private long lastCommitMillis;
    private long lastCommitNanos;
    private long lastSourceMillis;
    private long transactionsBehind;
    private boolean behindExact;

    PublisherStatus(final String transactionalId)
    {
        this.transactionalId = transactionalId;
    }

    /** A record goes out; the rate counts from the first. */
    void sending()
    {
        if (firstSendNanos == 0)
        {
            firstSendNanos = System.nanoTime();
        }
    }

    void committed(final int recordCount, final String committedPosition, final long sourceMillis)
    {
        if (sourceMillis > 0)
        {
            lastSourceMillis = sourceMillis;
        }
        records += recordCount;
        transactions++;
        position = committedPosition;
        lastCommitMillis = System.currentTimeMillis();
        lastCommitNanos = System.nanoTime();
    }

    void failed()
    {
        failures++;
    }

    /** How many durable transactions of the relay log the sink has still to publish; a lower bound unless {@code exact}. */
    void behind(final long transactions, final boolean exact)
    {
        transactionsBehind = transactions;
        behindExact = exact;
    }

    /** What the status file says of this sink, named {@code name}, now. */
    KafkaSinkStatus snapshot(final String name, final boolean running)
    {
        return new KafkaSinkStatus(name, transactionalId, running, position == null ? "" : position, records, transactionsBehind,
            behindExact, lagMillis(), failures, Instant.now());
    }

    /** Records committed since start. */
    public long records()
    {
        return records;
    }

    /** How far the last commit was behind the source: its time less the source's time of its last change, in ms. */
    public long lagMillis()
    {
        return lastSourceMillis == 0 ? 0 : Math.max(0, lastCommitMillis - lastSourceMillis);
    }

    /** The position of the last commit, null before the first. */
    public String position()
    {
        return position;
    }

    @Override
    public String toString()
    {
        final double seconds = (firstSendNanos == 0 || lastCommitNanos == 0 ? 0 : lastCommitNanos - firstSendNanos)
            / (double)TimeUnit.SECONDS.toNanos(1);
        return String.format("%s committed %d records in %d transactions in %.1f s (%.0f records/s), position %s at %s, "
            + "%d ms behind the source, %s%d transactions behind the relay log, %d failed attempts", transactionalId, records,
            transactions, seconds, seconds > 0 ? records / seconds : 0, position == null ? "(none yet)" : position,
            lastCommitMillis == 0 ? "-" : Instant.ofEpochMilli(lastCommitMillis), lagMillis(), behindExact ? "" : "at least ",
            transactionsBehind, failures);
    }
}
