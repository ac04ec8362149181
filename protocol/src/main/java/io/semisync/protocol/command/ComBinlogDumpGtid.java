package io.semisync.protocol.command;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;

/**
 * COM_BINLOG_DUMP_GTID (MySQL): stream every event not in the given GTID set. The answer is the event stream.
 *
 * <pre>
 * u16     flags ({@link BinlogDumpFlags}; THROUGH_GTID is always set)
 * u32     server id of the replica
 * u32     binlog file name length
 * str     binlog file name (usually empty)
 * u64     binlog position (usually 4)
 * u32     GTID set length
 * bytes   GTID set in the server's binary encoding
 * </pre>
 */
public final class ComBinlogDumpGtid extends Command
{
    private static final int FIXED_LENGTH = 2 + 4 + 4 + 8 + 4;

    private final int flags;
    private final long serverId;
    private final byte[] fileName;
    private final long position;
    private final byte[] encodedGtidSet;

    /**
     * @param encodedGtidSet the executed GTID set encoded as the server expects ({@code GtidSet#encode}: SID count,
     *                       then per SID the UUID, with MySQL 8.3+ tags its tag, the interval count and the intervals)
     */
    public ComBinlogDumpGtid(final int flags, final long serverId, final String fileName, final long position, final byte[] encodedGtidSet)
    {
        super(CommandCode.COM_BINLOG_DUMP_GTID);
        this.flags = flags | BinlogDumpFlags.THROUGH_GTID;
        this.serverId = serverId;
        this.fileName = fileName.getBytes(StandardCharsets.UTF_8);
        this.position = position;
        this.encodedGtidSet = encodedGtidSet.clone();
    }

    @Override
    protected int bodyLength()
    {
        return FIXED_LENGTH + fileName.length + encodedGtidSet.length;
    }

    @Override
    protected void writeBody(final ByteBuf out)
    {
        out.writeShortLE(flags);
        out.writeIntLE((int)serverId);
        out.writeIntLE(fileName.length);
        out.writeBytes(fileName);
        out.writeLongLE(position);
        out.writeIntLE(encodedGtidSet.length);
        out.writeBytes(encodedGtidSet);
    }
}
