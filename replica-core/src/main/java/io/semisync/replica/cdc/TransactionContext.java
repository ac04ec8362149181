package io.semisync.replica.cdc;

import java.util.HashMap;
import java.util.Map;

/**
 * What the lines of one transaction share: where it starts in the relay log, its GTID, and the counts behind each
 * line's position and Debezium's {@code total_order} and {@code data_collection_order}.
 */
final class TransactionContext
{
    private final Map<String, Long> perTable = new HashMap<>();
    private long index = -1;
    private String gtid;
    private long changes;

    /** Starts a transaction whose first event has relay-log index {@code index}. */
    void begin(final long index, final String gtid)
    {
        this.index = index;
        this.gtid = gtid;
        changes = 0;
        perTable.clear();
    }

    /** Counts one more change of the transaction and returns its ordinal (from 1). */
    long nextChange()
    {
        return ++changes;
    }

    /** Counts one more change of {@code database.table} in the transaction and returns its ordinal there (from 1). */
    long nextChangeOf(final String database, final String table)
    {
        return perTable.merge(database + "." + table, 1L, Long::sum);
    }

    long index()
    {
        return index;
    }

    /** The transaction's GTID, null when it has none. */
    String gtid()
    {
        return gtid;
    }

    long changes()
    {
        return changes;
    }
}
