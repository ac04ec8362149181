package io.semisync.replica.cdc;

import org.agrona.collections.Long2LongHashMap;

/**
 * What the lines of one transaction share: where it starts in the relay log, its GTID, and the counts behind each
 * line's position and Debezium's {@code total_order} and {@code data_collection_order}.
 */
final class TransactionContext
{
    /** DDL statements count as changes of this table id, which no table has (ids are 6 bytes). */
    static final long DDL_TABLE_ID = -1;

    private final Long2LongHashMap perTable = new Long2LongHashMap(0);
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

    /** Counts one more change of the table with this id in the transaction and returns its ordinal there (from 1). */
    long nextChangeOf(final long tableId)
    {
        final long next = perTable.get(tableId) + 1;
        perTable.put(tableId, next);
        return next;
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
