package io.semisync.replica.session;

import io.semisync.storage.relaylog.GtidKind;
import org.agrona.DirectBuffer;

import java.nio.ByteOrder;
import java.util.UUID;

/**
 * The text form of a stored GTID: {@code uuid:gno} or {@code uuid:tag:gno} (MySQL) or {@code domain-server-sequence}
 * (MariaDB); "-" for none.
 */
public final class GtidText
{
    /** Where a stored MySQL GTID's transaction number is, after its 16 UUID bytes ({@code GtidKind}). */
    public static final int MYSQL_GNO_OFFSET = 16;
    /** Where a stored tagged MySQL GTID's tag is, after its transaction number; it runs to the end of the GTID. */
    public static final int MYSQL_TAG_OFFSET = MYSQL_GNO_OFFSET + Long.BYTES;

    private GtidText()
    {
    }

    private static UUID uuid(final DirectBuffer buffer, final int offset)
    {
        return new UUID(buffer.getLong(offset, ByteOrder.BIG_ENDIAN), buffer.getLong(offset + Long.BYTES, ByteOrder.BIG_ENDIAN));
    }

    public static String of(final GtidKind kind, final DirectBuffer buffer, final int offset, final int length)
    {
        return switch (kind)
        {
            case MYSQL -> uuid(buffer, offset) + ":" + buffer.getLong(offset + MYSQL_GNO_OFFSET, ByteOrder.LITTLE_ENDIAN);
            case MYSQL_TAGGED -> uuid(buffer, offset) + ":"
                + buffer.getStringWithoutLengthAscii(offset + MYSQL_TAG_OFFSET, length - MYSQL_TAG_OFFSET) + ":"
                + buffer.getLong(offset + MYSQL_GNO_OFFSET, ByteOrder.LITTLE_ENDIAN);
            case MARIADB -> (buffer.getInt(offset, ByteOrder.LITTLE_ENDIAN) & 0xFFFF_FFFFL) + "-"
                + (buffer.getInt(offset + 4, ByteOrder.LITTLE_ENDIAN) & 0xFFFF_FFFFL) + "-" + buffer.getLong(offset + 8, ByteOrder.LITTLE_ENDIAN);
            case NONE -> "-";
        };
    }
}
