package io.semisync.protocol.command;

/** Flags of COM_BINLOG_DUMP and COM_BINLOG_DUMP_GTID. */
public final class BinlogDumpFlags
{
    /** Block and wait for new events at the end of the log (the replica's normal mode). */
    public static final int BLOCK = 0x00;
    /** Send an EOF packet at the end of the log instead of waiting. */
    public static final int NON_BLOCK = 0x01;
    /** COM_BINLOG_DUMP_GTID: the GTID set follows the position. */
    public static final int THROUGH_GTID = 0x04;

    private BinlogDumpFlags()
    {
    }
}
