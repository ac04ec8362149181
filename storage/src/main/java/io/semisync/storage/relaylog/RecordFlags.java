package io.semisync.storage.relaylog;

/**
 * Bits of the record flags byte ({@link RecordLayout#FLAGS_OFFSET}).
 */
public final class RecordFlags
{
    /**
     * The log is consistent after this record: it ends a transaction (XID, COMMIT, XA PREPARE) or is an event that
     * stands alone outside any transaction (DDL, ROTATE, FORMAT_DESCRIPTION ...). Recovery keeps everything up to the
     * last record with this bit and drops what follows.
     */
    public static final int TRANSACTION_END = 0x01;

    /** The source asked for a semisync ACK of this event. */
    public static final int ACK_REQUESTED = 0x02;

    /** Every bit defined by format version 1. */
    public static final int ALL = TRANSACTION_END | ACK_REQUESTED;

    private RecordFlags()
    {
    }
}
