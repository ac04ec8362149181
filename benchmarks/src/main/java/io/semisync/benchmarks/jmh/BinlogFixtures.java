package io.semisync.benchmarks.jmh;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.semisync.protocol.binlog.BinlogEventType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Semisync stream packets as a MySQL source sends them, with correct CRC32s: one autocommit INSERT is GTID,
 * QUERY(BEGIN), TABLE_MAP, WRITE_ROWS and XID, the XID flagged for ACK. Buffers are direct and read-only in use:
 * the stream handler reads them by absolute index and releases one reference, so a benchmark retains before
 * each delivery and allocates nothing.
 */
final class BinlogFixtures
{
    static final int HEADER_LENGTH = 19;
    static final int SERVER_ID = 1;
    static final int EVENTS_PER_TRANSACTION = 5;
    private static final int LOG_EVENT_ARTIFICIAL_F = 0x20;

    private long position = 4;

    /** The five packets of one transaction, its XID flagged for ACK when {@code semisync}. */
    List<ByteBuf> transaction(final long gno, final int rowBytes, final boolean semisync)
    {
        final List<ByteBuf> packets = new ArrayList<>();
        packets.add(packet(BinlogEventType.GTID, gtidBody(gno), semisync, false));
        packets.add(packet(BinlogEventType.QUERY, queryBody("BEGIN"), semisync, false));
        packets.add(packet(BinlogEventType.TABLE_MAP, new byte[40], semisync, false));
        packets.add(packet(BinlogEventType.WRITE_ROWS_V2, new byte[rowBytes], semisync, false));
        packets.add(packet(BinlogEventType.XID, new byte[8], semisync, semisync));
        return packets;
    }

    /** The ROTATE a source sends first: artificial (log_pos 0), naming the file the stream starts in. */
    ByteBuf artificialRotate(final String fileName)
    {
        final ByteBuf body = Unpooled.buffer();
        body.writeLongLE(4).writeBytes(fileName.getBytes(StandardCharsets.US_ASCII));
        final byte[] bodyBytes = new byte[body.readableBytes()];
        body.readBytes(bodyBytes);
        final byte[] event = event(BinlogEventType.ROTATE, bodyBytes, 0);
        event[17] = (byte)LOG_EVENT_ARTIFICIAL_F;
        final CRC32 crc = new CRC32();
        crc.update(event, 0, event.length - 4);
        Unpooled.wrappedBuffer(event).setIntLE(event.length - 4, (int)crc.getValue());
        return Unpooled.directBuffer().writeByte(0).writeByte(0xEF).writeByte(0).writeBytes(event);
    }

    /** A bare event (no packet marker) with its CRC32, for decode benchmarks. */
    static byte[] event(final int type, final byte[] body, final long logPos)
    {
        final byte[] event = new byte[HEADER_LENGTH + body.length + 4];
        final ByteBuf out = Unpooled.wrappedBuffer(event).writerIndex(0);
        out.writeIntLE(1_700_000_000).writeByte(type).writeIntLE(SERVER_ID).writeIntLE(event.length)
            .writeIntLE((int)logPos).writeShortLE(0).writeBytes(body);
        final CRC32 crc = new CRC32();
        crc.update(event, 0, event.length - 4);
        out.writeIntLE((int)crc.getValue());
        return event;
    }

    private ByteBuf packet(final int type, final byte[] body, final boolean semisync, final boolean ack)
    {
        position += HEADER_LENGTH + body.length + 4;
        final byte[] event = event(type, body, position);
        final ByteBuf packet = Unpooled.directBuffer(event.length + 3);
        packet.writeByte(0);
        if (semisync)
        {
            packet.writeByte(0xEF).writeByte(ack ? 1 : 0);
        }
        return packet.writeBytes(event);
    }

    private static byte[] gtidBody(final long gno)
    {
        final ByteBuf body = Unpooled.buffer(42);
        body.writeByte(1).writeLong(0x0ba6c61de80e11f1L).writeLong(0xa2d702fc00000001L).writeLongLE(gno).writeZero(16);
        return body.array();
    }

    private static byte[] queryBody(final String statement)
    {
        final ByteBuf body = Unpooled.buffer();
        body.writeIntLE(7).writeIntLE(0).writeByte(0).writeShortLE(0).writeShortLE(0).writeByte(0)
            .writeBytes(statement.getBytes(StandardCharsets.US_ASCII));
        final byte[] bytes = new byte[body.readableBytes()];
        body.readBytes(bytes);
        return bytes;
    }
}
