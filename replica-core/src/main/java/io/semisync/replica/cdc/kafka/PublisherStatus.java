package io.semisync.replica.cdc.kafka;

/** What a Kafka sink has published: records and transactions committed, failed attempts, the committed position. */
public final class PublisherStatus
{
    private final String transactionalId;
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
        return transactionalId + " committed " + records + " records in " + transactions + " transactions, position "
            + (position == null ? "(none yet)" : position) + " at " + java.time.Instant.ofEpochMilli(lastCommitMillis)
            + ", " + failures + " failed attempts";
    }
}
