package io.semisync.replica.session;

import io.semisync.storage.relaylog.GtidKind;
import org.agrona.DirectBuffer;

import java.nio.ByteOrder;
import java.util.UUID;

/** The text form of a stored GTID: {@code uuid:gno} (MySQL) or {@code domain-server-sequence} (MariaDB); "-" for none. */
public final class GtidText
{
    private GtidText()
    {
    }

    public static String of(final GtidKind kind, final DirectBuffer buffer, final int offset, final int length)
    {
        return switch (kind)
        {
            case MYSQL, MYSQL_TAGGED -> new UUID(buffer.getLong(offset, ByteOrder.BIG_ENDIAN), buffer.getLong(offset + 8, ByteOrder.BIG_ENDIAN))
                + ":" + buffer.getLong(offset + 16, ByteOrder.LITTLE_ENDIAN);
            case MARIADB -> (buffer.getInt(offset, ByteOrder.LITTLE_ENDIAN) & 0xFFFF_FFFFL) + "-"
                + (buffer.getInt(offset + 4, ByteOrder.LITTLE_ENDIAN) & 0xFFFF_FFFFL) + "-" + buffer.getLong(offset + 8, ByteOrder.LITTLE_ENDIAN);
            case NONE -> "-";
        };
    }
}
