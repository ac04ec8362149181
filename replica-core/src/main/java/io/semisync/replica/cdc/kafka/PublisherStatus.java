package io.semisync.replica.cdc.kafka;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * What a Kafka sink has published since it connected: records and Kafka transactions committed, failed attempts, the
 * committed position and when, and the rate.
 */
public final class PublisherStatus
{
    private final String transactionalId;
    private final long startNanos = System.nanoTime();
    private long records;
    private long transactions;
    private long failures;
    private String position;
    private long lastCommitMillis;

    PublisherStatus(final String transactionalId)
    {
        this.transactionalId = transactionalId;
    }

    void committed(final int recordCount, final String committedPosition)
    {
        records += recordCount;
        transactions++;
        position = committedPosition;
        lastCommitMillis = System.currentTimeMillis();
    }

    void failed()
    {
        failures++;
    }

    /** Records committed since start. */
    public long records()
    {
        return records;
    }

    /** The position of the last commit, null before the first. */
    public String position()
    {
        return position;
    }

    @Override
    public String toString()
    {
        final double seconds = Math.max(1, System.nanoTime() - startNanos) / (double)TimeUnit.SECONDS.toNanos(1);
        return String.format("%s committed %d records in %d transactions in %.1f s (%.0f records/s), position %s at %s, %d failed attempts",
            transactionalId, records, transactions, seconds, records / seconds, position == null ? "(none yet)" : position,
            lastCommitMillis == 0 ? "-" : Instant.ofEpochMilli(lastCommitMillis), failures);
    }
}
