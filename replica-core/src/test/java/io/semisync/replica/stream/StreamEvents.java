package io.semisync.replica.stream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * Binlog events and dump-stream packets as a source sends them: 19-byte header, body, CRC32 over both
 * (computed with the JDK's {@link CRC32}), and the {@code 0x00 [0xEF flag]} packet prefix.
 */
public final class StreamEvents
{
    public static final int SERVER_ID = 11;
    public static final int TIMESTAMP = 0x6B059C30;
    public static final String SOURCE_UUID = "0ba6c61d-e80e-11f1-a2d7-02fc00000001";

    private StreamEvents()
    {
    }

    /** The bytes of commented hex fragments; spaces are ignored. */
    public static byte[] hex(final String... fragments)
    {
        return HexFormat.of().parseHex(String.join("", fragments).replace(" ", ""));
    }

    /** An event: header (timestamp, type, server_id, size, log_pos, flags), body, then its CRC32. */
    public static byte[] event(final int type, final long logPos, final int flags, final byte[] body)
    {
        final int size = 19 + body.length + 4;
        final ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(TIMESTAMP)            // timestamp
            .put((byte)type)             // type
            .putInt(SERVER_ID)           // server_id
            .putInt(size)                // event size, checksum included
            .putInt((int)logPos)         // log_pos: end of this event in the source's file
            .putShort((short)flags)      // flags
            .put(body);                  // body
        final CRC32 crc = new CRC32();
        crc.update(out.array(), 0, size - 4);
        out.putInt((int)crc.getValue()); // CRC32 of everything before it
        return out.array();
    }

    /** The event as a source without checksums sends it: the CRC32 dropped and the size adjusted. */
    public static byte[] withoutCrc(final byte[] event)
    {
        final byte[] out = Arrays.copyOf(event, event.length - 4);
        ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putInt(9, out.length);
        return out;
    }

    /** ROTATE: position u64 in the next file, the file name; artificial (flags 0x20, log_pos 0) or real. */
    public static byte[] rotate(final String nextFile, final long nextPosition, final boolean artificial, final long logPos)
    {
        final byte[] name = nextFile.getBytes(StandardCharsets.US_ASCII);
        final ByteBuffer body = ByteBuffer.allocate(8 + name.length).order(ByteOrder.LITTLE_ENDIAN);
        body.putLong(nextPosition).put(name);
        return event(4, artificial ? 0 : logPos, artificial ? 0x20 : 0, body.array());
    }

    /** HEARTBEAT (27): the current file name; the header's log_pos is the current position. */
    public static byte[] heartbeat(final String file, final long logPos)
    {
        return event(27, logPos, 0, file.getBytes(StandardCharsets.US_ASCII));
    }

    /** MySQL GTID (33): flags, UUID big-endian, GNO u64 LE, then logical clocks (zeros here). */
    public static byte[] gtid(final String uuid, final long gno, final long logPos)
    {
        final UUID id = UUID.fromString(uuid);
        final ByteBuffer body = ByteBuffer.allocate(1 + 16 + 8 + 1 + 16).order(ByteOrder.LITTLE_ENDIAN);
        body.put((byte)0)                                   // GTID flags
            .order(ByteOrder.BIG_ENDIAN)
            .putLong(id.getMostSignificantBits())           // UUID, big-endian
            .putLong(id.getLeastSignificantBits())
            .order(ByteOrder.LITTLE_ENDIAN)
            .putLong(gno)                                   // GNO
            .put((byte)2);                                  // logical timestamp type code; clocks stay 0
        return event(33, logPos, 0, body.array());
    }

    /** MariaDB GTID (162): sequence u64, domain u32, flags u8 (0x01 standalone), reserved bytes. */
    public static byte[] mariadbGtid(final long domain, final long sequence, final boolean standalone, final long logPos)
    {
        return mariadbGtid(domain, sequence, standalone, false, logPos);
    }

    /** MariaDB GTID (162), with {@code inCommitGroup}: FL_GROUP_COMMIT_ID and a commit id in place of the padding. */
    public static byte[] mariadbGtid(final long domain, final long sequence, final boolean standalone, final boolean inCommitGroup,
        final long logPos)
    {
        final ByteBuffer body = ByteBuffer.allocate(8 + 4 + 1 + (inCommitGroup ? 8 : 6)).order(ByteOrder.LITTLE_ENDIAN);
        body.putLong(sequence)                              // sequence number
            .putInt((int)domain)                            // domain id
            .put((byte)((standalone ? 0x01 : 0x08)          // flags: FL_STANDALONE, or FL_TRANSACTIONAL
                | (inCommitGroup ? 0x02 : 0)));             //   and FL_GROUP_COMMIT_ID
        if (inCommitGroup)
        {
            body.putLong(4_711);                            // commit id
        }
        return event(162, logPos, 0, body.array());
    }

    /** QUERY (2): thread id, exec time, schema length, error code, no status variables, schema "d", statement. */
    public static byte[] query(final String statement, final long logPos)
    {
        final byte[] text = statement.getBytes(StandardCharsets.UTF_8);
        final ByteBuffer body = ByteBuffer.allocate(13 + 2 + text.length).order(ByteOrder.LITTLE_ENDIAN);
        body.putInt(11)                                     // thread id
            .putInt(0)                                      // execution time
            .put((byte)1)                                   // schema length 1
            .putShort((short)0)                             // error code
            .putShort((short)0)                             // status variables length
            .put((byte)'d').put((byte)0)                    // schema "d" and its NUL
            .put(text);                                     // statement
        return event(2, logPos, 0x0008, body.array());
    }

    /** XID (16): the transaction id u64. */
    public static byte[] xid(final long xid, final long logPos)
    {
        final ByteBuffer body = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(xid);
        return event(16, logPos, 0, body.array());
    }

    /**
     * GTID_TAGGED (MySQL 8.3+): a serialization-library message of varlen integers, as MySQL 9.7 writes one: leading
     * id 1, message size, last non-ignorable field 0, then fields 0 flags, 1 UUID (16 varlen bytes), 2 GNO (signed),
     * 3 tag, 4 last_committed, 5 sequence_number (signed), 6 immediate commit timestamp (microseconds).
     */
    public static byte[] taggedGtid(final String uuid, final String tag, final long gno, final long commitMicros, final long logPos)
    {
        final ByteBuffer fields = ByteBuffer.allocate(128);
        varlen(fields.put((byte)0), 0);                     // field 0 flags: 0
        fields.put((byte)(1 << 1));                         // field 1 UUID, each byte a varlen integer
        final ByteBuffer id = ByteBuffer.allocate(16).putLong(UUID.fromString(uuid).getMostSignificantBits())
            .putLong(UUID.fromString(uuid).getLeastSignificantBits());
        for (final byte b : id.array())
        {
            varlen(fields, b & 0xFF);
        }
        varlen(fields.put((byte)(2 << 1)), gno << 1);       // field 2 GNO, signed
        varlen(fields.put((byte)(3 << 1)), tag.length());   // field 3 tag: length, bytes
        fields.put(tag.getBytes(StandardCharsets.US_ASCII));
        varlen(fields.put((byte)(4 << 1)), 0);              // field 4 last_committed 0
        varlen(fields.put((byte)(5 << 1)), 2);              // field 5 sequence_number 1, signed
        varlen(fields.put((byte)(6 << 1)), commitMicros);   // field 6 immediate commit timestamp
        final int size = 3 + fields.position();
        final ByteBuffer body = ByteBuffer.allocate(size);
        body.put((byte)(1 << 1)).put((byte)(size << 1)).put((byte)0).put(fields.array(), 0, fields.position());
        return event(42, logPos, 0, body.array());
    }

    /** MySQL's serialization-library variable-length unsigned integer: trailing ones say the length, value after. */
    private static void varlen(final ByteBuffer out, final long value)
    {
        int length = 1;
        while (length < 9 && Long.compareUnsigned(value, 1L << (7 * length)) >= 0)
        {
            length++;
        }
        if (length == 9)
        {
            out.put((byte)0xFF).order(ByteOrder.LITTLE_ENDIAN).putLong(value).order(ByteOrder.BIG_ENDIAN);
            return;
        }
        final long encoded = value << length | (1L << (length - 1)) - 1;
        for (int i = 0; i < length; i++)
        {
            out.put((byte)(encoded >>> (8 * i)));
        }
    }

    /** An event whose body the replica does not look into (TABLE_MAP, WRITE_ROWS, XA_PREPARE ...). */
    public static byte[] opaque(final int type, final long logPos)
    {
        return event(type, logPos, 0, hex("58 00 00 00 00 00 01 00 02 ff 00"));
    }

    /** An event of {@code type} whose body is {@code bodyLength} zero bytes. */
    public static byte[] opaque(final int type, final long logPos, final int bodyLength)
    {
        return event(type, logPos, 0, new byte[bodyLength]);
    }

    /**
     * FORMAT_DESCRIPTION: binlog version, 50-byte server version, create time, header length, post-header
     * lengths (opaque here), the checksum algorithm byte, then the CRC32.
     */
    public static byte[] formatDescription(final int checksumAlgorithm, final long logPos)
    {
        final ByteBuffer body = ByteBuffer.allocate(2 + 50 + 4 + 1 + 10 + 1).order(ByteOrder.LITTLE_ENDIAN);
        body.putShort((short)4)                             // binlog version 4
            .put("9.7.4".getBytes(StandardCharsets.US_ASCII)) // server version, NUL padded
            .position(2 + 50);
        body.putInt(TIMESTAMP)                              // create timestamp
            .put((byte)19)                                  // common header length
            .put(new byte[10])                              // post-header lengths
            .put((byte)checksumAlgorithm);                  // 0 off, 1 CRC32
        return event(15, logPos, 0, body.array());
    }

    /** A semisync stream packet payload: OK marker, 0xEF, the ACK flag, the event. */
    public static ByteBuf semisyncPacket(final boolean ackNeeded, final byte[] event)
    {
        return Unpooled.buffer(3 + event.length).writeByte(0x00).writeByte(0xEF).writeByte(ackNeeded ? 1 : 0).writeBytes(event);
    }

    /** A plain stream packet payload: OK marker and the event. */
    public static ByteBuf plainPacket(final byte[] event)
    {
        return Unpooled.buffer(1 + event.length).writeByte(0x00).writeBytes(event);
    }
}
