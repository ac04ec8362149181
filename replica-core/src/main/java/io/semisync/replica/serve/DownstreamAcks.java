package io.semisync.replica.serve;

import io.netty.buffer.ByteBuf;
import io.semisync.protocol.binlog.SemiSyncAck;
import io.semisync.replica.stream.ChainedAcks;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * The ACKs a semisync downstream replica sends on its dump connection, each its own packet: 0xEF, the end position of
 * the acknowledged event u64 and the source file's name (MySQL's replica ends it with a NUL). Counts them and keeps the last; a packet of another kind ends
 * the dump, as a source ends it. With chained durability each ACK is passed on to {@link ChainedAcks}.
 */
final class DownstreamAcks implements Consumer<ByteBuf>
{
    private static final int MIN_LENGTH = 1 + Long.BYTES;

    private volatile long count;
    private volatile String last = "";
    private final ChainedAcks.Downstream chained;

    /** @param chained where the ACKs count toward our own ACKs to the source; null when they do not */
    DownstreamAcks(final ChainedAcks.Downstream chained)
    {
        this.chained = chained;
    }

    @Override
    public void accept(final ByteBuf packet)
    {
        if (packet.readableBytes() < MIN_LENGTH || packet.getUnsignedByte(packet.readerIndex()) != SemiSyncAck.MAGIC)
        {
            throw new IllegalStateException("the replica sent a packet that is not a semisync ACK (" + packet.readableBytes()
                + " bytes) during its binlog dump");
        }
        final long position = packet.getLongLE(packet.readerIndex() + 1);
        int nameLength = packet.readableBytes() - MIN_LENGTH;
        while (nameLength > 0 && packet.getByte(packet.readerIndex() + MIN_LENGTH + nameLength - 1) == 0)
        {
            nameLength--;
        }
        final String file = packet.toString(packet.readerIndex() + MIN_LENGTH, nameLength, StandardCharsets.UTF_8);
        last = file + ":" + position;
        count++;
        if (chained != null)
        {
            chained.acked(file, position);
        }
    }

    /** The dump ended: its ACKs no longer count toward ours. */
    void close()
    {
        if (chained != null)
        {
            chained.close();
        }
    }

    long count()
    {
        return count;
    }

    /** The last position acknowledged, {@code file:position}; empty before the first ACK. */
    String last()
    {
        return last;
    }
}
