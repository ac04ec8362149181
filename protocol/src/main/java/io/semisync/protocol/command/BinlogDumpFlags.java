package io.semisync.protocol.command;

/** Flags of COM_BINLOG_DUMP and COM_BINLOG_DUMP_GTID. */
public final class BinlogDumpFlags
{
    /** Block and wait for new events at the end of the log (the replica's normal mode). */
    public static final int BLOCK = 0x00;
    /** Send an EOF packet at the end of the log instead of waiting. */
    public static final int NON_BLOCK = 0x01;
    /**
     * MariaDB's BINLOG_SEND_ANNOTATE_ROWS_EVENT: without it the source leaves ANNOTATE_ROWS (the statement behind
     * row events) out of the stream, and a relay log would not hold the binlog whole.
     */
    public static final int MARIADB_SEND_ANNOTATE_ROWS = 0x02;
    /** COM_BINLOG_DUMP_GTID: the GTID set follows the position. */
    public static final int THROUGH_GTID = 0x04;

    private BinlogDumpFlags()
    {
    }
}
