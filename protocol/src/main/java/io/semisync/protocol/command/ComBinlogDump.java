package io.semisync.protocol.command;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;

/**
 * COM_BINLOG_DUMP: stream the binary log from a file and position. MariaDB replicas send it with an empty
 * file name and position 4 after setting {@code @slave_connect_state}. The answer is the event stream.
 *
 * <pre>
 * u32    binlog position
 * u16    flags ({@link BinlogDumpFlags})
 * u32    server id of the replica
 * rest   binlog file name
 * </pre>
 */
public final class ComBinlogDump extends Command
{
    private static final int FIXED_LENGTH = 4 + 2 + 4;

    private final long position;
    private final int flags;
    private final long serverId;
    private final byte[] fileName;

    public ComBinlogDump(final long position, final int flags, final long serverId, final String fileName)
    {
        super(CommandCode.COM_BINLOG_DUMP);
        if (position < 0 || position > 0xFFFF_FFFFL)
        {
            throw new IllegalArgumentException("binlog position must fit in 32 bits but was " + position);
        }
        this.position = position;
        this.flags = flags;
        this.serverId = serverId;
        this.fileName = fileName.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected int bodyLength()
    {
        return FIXED_LENGTH + fileName.length;
    }

    @Override
    protected void writeBody(final ByteBuf out)
    {
        out.writeIntLE((int)position);
        out.writeShortLE(flags);
        out.writeIntLE((int)serverId);
        out.writeBytes(fileName);
    }
}
