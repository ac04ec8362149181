package io.semisync.replica.stream;

import io.semisync.protocol.binlog.GtidTaggedEventFlyweight;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Which transaction a latency record is about, without allocating: a MySQL GTID (UUID, GNO and, 8.3+, a tag), a MariaDB
 * GTID (domain, server, sequence) or none, and where it ends in the source's binlog.
 */
final class TransactionId
{
    private static final int NONE = 0;
    private static final int MYSQL = 1;
    private static final int MARIADB = 2;

    private int kind;
    private long first;
    private long second;
    private long third;
    private final byte[] tag = new byte[GtidTaggedEventFlyweight.MAX_TAG_LENGTH];
    private int tagLength;
    private String file = "";
    private long endPosition;

    void none()
    {
        kind = NONE;
    }

    void mysql(final long uuidMostSignificantBits, final long uuidLeastSignificantBits, final long gno)
    {
        set(MYSQL, uuidMostSignificantBits, uuidLeastSignificantBits, gno);
    }

    /** A tagged MySQL GTID, its tag's bytes at {@code tagOffset} of {@code buffer}. */
    void mysqlTagged(final long uuidMostSignificantBits, final long uuidLeastSignificantBits, final long gno,
        final DirectBuffer buffer, final int tagOffset, final int tagLength)
    {
        set(MYSQL, uuidMostSignificantBits, uuidLeastSignificantBits, gno);
        buffer.getBytes(tagOffset, tag, 0, tagLength);
        this.tagLength = tagLength;
    }

    void mariadb(final long domain, final long serverId, final long sequence)
    {
        set(MARIADB, domain, serverId, sequence);
    }

    private void set(final int kind, final long first, final long second, final long third)
    {
        this.kind = kind;
        this.tagLength = 0;
        this.first = first;
        this.second = second;
        this.third = third;
    }

    /** Where the transaction's last event ends in the source's binlog. */
    void end(final String file, final long endPosition)
    {
        this.file = file == null ? "" : file;
        this.endPosition = endPosition;
    }

    void copyOf(final TransactionId other)
    {
        set(other.kind, other.first, other.second, other.third);
        System.arraycopy(other.tag, 0, tag, 0, other.tagLength);
        tagLength = other.tagLength;
        end(other.file, other.endPosition);
    }

    /** The bytes {@link #writeTo} writes. */
    int encodedLength()
    {
        return Integer.BYTES + 4 * Long.BYTES + Integer.BYTES + file.length() + Integer.BYTES + tagLength;
    }

    /** Writes the identity at {@code offset}; returns the offset after it. */
    int writeTo(final MutableDirectBuffer buffer, final int offset)
    {
        buffer.putInt(offset, kind);
        buffer.putLong(offset + Integer.BYTES, first);
        buffer.putLong(offset + Integer.BYTES + Long.BYTES, second);
        buffer.putLong(offset + Integer.BYTES + 2 * Long.BYTES, third);
        buffer.putLong(offset + Integer.BYTES + 3 * Long.BYTES, endPosition);
        final int tagAt = offset + Integer.BYTES + 4 * Long.BYTES + buffer.putStringAscii(offset + Integer.BYTES + 4 * Long.BYTES, file);
        buffer.putInt(tagAt, tagLength);
        buffer.putBytes(tagAt + Integer.BYTES, tag, 0, tagLength);
        return tagAt + Integer.BYTES + tagLength;
    }

    /** Reads an identity {@link #writeTo} wrote; returns the offset after it. */
    int readFrom(final DirectBuffer buffer, final int offset)
    {
        set(buffer.getInt(offset), buffer.getLong(offset + Integer.BYTES), buffer.getLong(offset + Integer.BYTES + Long.BYTES),
            buffer.getLong(offset + Integer.BYTES + 2 * Long.BYTES));
        endPosition = buffer.getLong(offset + Integer.BYTES + 3 * Long.BYTES);
        file = buffer.getStringAscii(offset + Integer.BYTES + 4 * Long.BYTES);
        final int tagAt = offset + Integer.BYTES + 4 * Long.BYTES + Integer.BYTES + file.length();
        tagLength = buffer.getInt(tagAt);
        buffer.getBytes(tagAt + Integer.BYTES, tag, 0, tagLength);
        return tagAt + Integer.BYTES + tagLength;
    }

    /** The GTID as the flavor writes it, empty for a transaction without one. */
    String gtid()
    {
        return switch (kind)
        {
            case MYSQL -> new UUID(first, second) + (tagLength == 0 ? "" : ":" + new String(tag, 0, tagLength, StandardCharsets.US_ASCII))
                + ":" + third;
            case MARIADB -> first + "-" + second + "-" + third;
            default -> "";
        };
    }

    String file()
    {
        return file;
    }

    long endPosition()
    {
        return endPosition;
    }
}
