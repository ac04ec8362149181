package io.semisync.replica.stream;

import io.semisync.protocol.binlog.BinlogEventType;

/**
 * Follows transaction boundaries in the event stream, so each stored event can say whether it completes a
 * transaction. A transaction opens with a GTID event (MySQL GTID, GTID_TAGGED or ANONYMOUS_GTID, MariaDB GTID) and ends
 * with XID, XA_PREPARE, a compressed TRANSACTION_PAYLOAD, a COMMIT or ROLLBACK query, or, when no BEGIN
 * came (DDL, MariaDB standalone), with the one statement after the GTID. Events outside any transaction
 * (FORMAT_DESCRIPTION, ROTATE, PREVIOUS_GTIDS, GTID_LIST, ...) are complete by themselves.
 */
final class TransactionBoundaries
{
    private enum State
    {
        OUTSIDE,
        AFTER_GTID,
        IN_BEGIN
    }

    private State state = State.OUTSIDE;

    /** Whether the next event belongs to a transaction, i.e. carries that transaction's GTID. */
    boolean inTransaction()
    {
        return state != State.OUTSIDE;
    }

    /**
     * A GTID event opens a transaction.
     *
     * @param implicitBegin the transaction has no BEGIN query (MariaDB's GTID event stands for it unless
     *                      flagged standalone)
     */
    void gtid(final boolean implicitBegin)
    {
        state = implicitBegin ? State.IN_BEGIN : State.AFTER_GTID;
    }

    /**
     * Moves past an event that is not a GTID event and says whether the event completes a unit: a
     * transaction, or an event that stands alone.
     *
     * @param begin            a QUERY event with BEGIN
     * @param commitOrRollback a QUERY event with COMMIT or ROLLBACK
     */
    boolean completes(final int type, final boolean begin, final boolean commitOrRollback)
    {
        switch (state)
        {
            case OUTSIDE:
                return true;
            case AFTER_GTID:
                if (type == BinlogEventType.QUERY && begin)
                {
                    state = State.IN_BEGIN;
                    return false;
                }
                if (type == BinlogEventType.QUERY || endsTransaction(type))
                {
                    state = State.OUTSIDE;
                    return true;
                }
                return false;
            default:
                if (endsTransaction(type) || (type == BinlogEventType.QUERY && commitOrRollback))
                {
                    state = State.OUTSIDE;
                    return true;
                }
                return false;
        }
    }

    private static boolean endsTransaction(final int type)
    {
        return type == BinlogEventType.XID || type == BinlogEventType.XA_PREPARE || type == BinlogEventType.TRANSACTION_PAYLOAD;
    }
}
