package io.semisync.replica.cdc;

import io.semisync.storage.RelayLogException;
import io.semisync.storage.relaylog.RelayLog;
import io.semisync.storage.relaylog.RelayLogReader;
import io.semisync.storage.relaylog.RelayLogRecord;

/**
 * Runs ahead of a feed's reader through the relay log, never past the last commit point the replica's syncs have made
 * durable (the relay log's durable commit mark; a relay log without one, up to its last complete transaction), and
 * counts the transactions it passes. The reader may read up to {@link #limit()}; the scout's count less the reader's is
 * how many durable transactions the feed has still to read, exact once the scout has {@link #caughtUp() caught up}
 * (it reads up to {@value #BATCH} records a step, so it outruns a reader that decodes a batch of a thousand).
 * Transactions here are the relay log's units: a transaction, or an event outside one (a ROTATE, a FORMAT_DESCRIPTION).
 */
public final class DurableCommitScout implements AutoCloseable
{
    private static final int BATCH = 64 * 1024;

    private final RelayLog relayLog;
    private final RelayLogReader reader;
    private long limit = -1;
    private long transactions;
    private boolean caughtUp;

    /** A scout at the start of the relay log. */
    public DurableCommitScout(final RelayLog relayLog)
    {
        this.relayLog = relayLog;
        this.reader = relayLog.openReader();
    }

    /** Moves to the record at {@code index}, as {@link RelayLogReader#moveToIndex}; false if the relay log lacks it. */
    public boolean moveToIndex(final long index)
    {
        return reader.moveToIndex(index);
    }

    /** Moves after the record at {@code index}, as {@link RelayLogReader#moveAfter}; false if the relay log lacks it. */
    public boolean moveAfter(final long index)
    {
        return reader.moveAfter(index);
    }

    /**
     * Reads ahead up to the durable commit mark.
     *
     * @return records read.
     * @throws CdcException if the relay log cannot be read.
     */
    public int advance()
    {
        final int read;
        try
        {
            read = reader.poll(this::onRecord, BATCH, relayLog.durableCommitIndex().orElse(Long.MAX_VALUE));
        }
        catch (final RelayLogException ex)
        {
            throw new CdcException("cannot read the relay log: " + ex.getMessage(), ex);
        }
        caughtUp = read < BATCH;
        return read;
    }

    private void onRecord(final RelayLogRecord record)
    {
        if (record.isTransactionEnd())
        {
            limit = record.index();
            transactions++;
        }
    }

    /** The index of the last durable commit point found: the reader may read up to it; -1 before the first. */
    public long limit()
    {
        return limit;
    }

    /** Transactions passed since the scout started. */
    public long transactions()
    {
        return transactions;
    }

    /** Whether the last {@link #advance()} reached the durable commit mark, so {@link #transactions()} counts them all. */
    public boolean caughtUp()
    {
        return caughtUp;
    }

    @Override
    public void close()
    {
        reader.close();
    }
}
