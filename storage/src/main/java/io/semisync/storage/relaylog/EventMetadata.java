package io.semisync.storage.relaylog;

import io.semisync.storage.RecordTooLargeException;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The metadata of the next event to append, filled by replica-core and reused for every event (no allocation per
 * event; the source file name is encoded only when it changes). Not thread-safe: owned by the appending thread.
 */
public final class EventMetadata
{
    private static final int GTID_UUID_LENGTH = 16;
    private static final int MAX_TAG_LENGTH = 32;

    private final UnsafeBuffer gtid = new UnsafeBuffer(new byte[RecordLayout.MAX_GTID_LENGTH]);
    private GtidKind gtidKind = GtidKind.NONE;
    private int gtidLength;
    private String sourceFileName;
    private byte[] sourceFileNameBytes;
    private int flags;
    private int eventType;
    private long eventTimestamp;
    private long endPosition;
    private long receiveTimeNanos;

    /**
     * Sets the source binlog file the next events come from; encodes it only when it differs from the current one.
     *
     * @param name the source binlog file name, e.g. {@code binlog.000042}.
     * @return this.
     * @throws RecordTooLargeException if the name is empty or longer than the layout allows.
     */
    public EventMetadata sourceFileName(final String name)
    {
        if (!name.equals(sourceFileName))
        {
            final byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
            if (bytes.length == 0 || bytes.length > RecordLayout.MAX_SOURCE_FILE_NAME_LENGTH)
            {
                throw new RecordTooLargeException("source file name must be 1.." +
                    RecordLayout.MAX_SOURCE_FILE_NAME_LENGTH + " UTF-8 bytes, got " + bytes.length + ": '" + name + "'");
            }
            sourceFileName = name;
            sourceFileNameBytes = bytes;
        }
        return this;
    }

    /**
     * @param flags {@link RecordFlags} bits.
     * @return this.
     * @throws IllegalArgumentException if an undefined bit is set.
     */
    public EventMetadata flags(final int flags)
    {
        if ((flags & ~RecordFlags.ALL) != 0)
        {
            throw new IllegalArgumentException("undefined record flag bits: 0x" + Integer.toHexString(flags));
        }
        this.flags = flags;
        return this;
    }

    /**
     * @param eventType binlog event type code, 0..255.
     * @return this.
     */
    public EventMetadata eventType(final int eventType)
    {
        if (eventType < 0 || eventType > 0xFF)
        {
            throw new IllegalArgumentException("event type must be 0..255, got " + eventType);
        }
        this.eventType = eventType;
        return this;
    }

    /**
     * @param eventTimestamp seconds since the epoch from the event header, an unsigned 32-bit value.
     * @return this.
     */
    public EventMetadata eventTimestamp(final long eventTimestamp)
    {
        if (eventTimestamp < 0 || eventTimestamp > 0xFFFF_FFFFL)
        {
            throw new IllegalArgumentException("event timestamp must be an unsigned 32-bit value, got " + eventTimestamp);
        }
        this.eventTimestamp = eventTimestamp;
        return this;
    }

    /**
     * @param endPosition position in the source binlog file just after this event.
     * @return this.
     */
    public EventMetadata endPosition(final long endPosition)
    {
        this.endPosition = endPosition;
        return this;
    }

    /**
     * @param receiveTimeNanos when the event arrived, nanoseconds since the epoch.
     * @return this.
     */
    public EventMetadata receiveTimeNanos(final long receiveTimeNanos)
    {
        this.receiveTimeNanos = receiveTimeNanos;
        return this;
    }

    /**
     * Clears the GTID: the next events belong to no GTID transaction.
     *
     * @return this.
     */
    public EventMetadata noGtid()
    {
        gtidKind = GtidKind.NONE;
        gtidLength = 0;
        return this;
    }

    /**
     * Sets a MySQL GTID {@code uuid:gno}.
     *
     * @param uuid       buffer holding the 16 UUID bytes as the GTID event carries them.
     * @param uuidOffset offset of the UUID in the buffer.
     * @param gno        transaction number.
     * @return this.
     */
    public EventMetadata mysqlGtid(final DirectBuffer uuid, final int uuidOffset, final long gno)
    {
        gtid.putBytes(0, uuid, uuidOffset, GTID_UUID_LENGTH);
        gtid.putLong(GTID_UUID_LENGTH, gno, ByteOrder.LITTLE_ENDIAN);
        gtidKind = GtidKind.MYSQL;
        gtidLength = GTID_UUID_LENGTH + Long.BYTES;
        return this;
    }

    /**
     * Sets a tagged MySQL GTID {@code uuid:tag:gno}.
     *
     * @param uuid       buffer holding the 16 UUID bytes.
     * @param uuidOffset offset of the UUID in the buffer.
     * @param gno        transaction number.
     * @param tag        buffer holding the tag bytes.
     * @param tagOffset  offset of the tag in its buffer.
     * @param tagLength  tag length, 1..32.
     * @return this.
     */
    public EventMetadata mysqlTaggedGtid(
        final DirectBuffer uuid,
        final int uuidOffset,
        final long gno,
        final DirectBuffer tag,
        final int tagOffset,
        final int tagLength)
    {
        if (tagLength < 1 || tagLength > MAX_TAG_LENGTH)
        {
            throw new RecordTooLargeException("GTID tag must be 1.." + MAX_TAG_LENGTH + " bytes, got " + tagLength);
        }
        mysqlGtid(uuid, uuidOffset, gno);
        gtid.putBytes(GTID_UUID_LENGTH + Long.BYTES, tag, tagOffset, tagLength);
        gtidKind = GtidKind.MYSQL_TAGGED;
        gtidLength += tagLength;
        return this;
    }

    /**
     * Sets a MariaDB GTID {@code domain-server-seq}.
     *
     * @param domainId       replication domain id.
     * @param serverId       originating server id.
     * @param sequenceNumber sequence number.
     * @return this.
     */
    public EventMetadata mariaDbGtid(final int domainId, final int serverId, final long sequenceNumber)
    {
        gtid.putInt(0, domainId, ByteOrder.LITTLE_ENDIAN);
        gtid.putInt(Integer.BYTES, serverId, ByteOrder.LITTLE_ENDIAN);
        gtid.putLong(2 * Integer.BYTES, sequenceNumber, ByteOrder.LITTLE_ENDIAN);
        gtidKind = GtidKind.MARIADB;
        gtidLength = 2 * Integer.BYTES + Long.BYTES;
        return this;
    }

    /**
     * @return the current source file name, or null before the first {@link #sourceFileName(String)}.
     */
    public String sourceFileName()
    {
        return sourceFileName;
    }

    /**
     * @return the flags.
     */
    public int flags()
    {
        return flags;
    }

    /**
     * @return the end position.
     */
    public long endPosition()
    {
        return endPosition;
    }

    /**
     * Writes header, source file name and GTID of a record into a buffer.
     *
     * @param buffer      destination.
     * @param offset      where the record starts.
     * @param eventLength length of the event that follows.
     * @return bytes written: {@code 32 + N + G}.
     */
    int encodePrefix(final UnsafeBuffer buffer, final int offset, final int eventLength)
    {
        final int nameLength = sourceFileNameBytes.length;
        buffer.putByte(offset + RecordLayout.FORMAT_VERSION_OFFSET, (byte)RecordLayout.FORMAT_VERSION);
        buffer.putByte(offset + RecordLayout.FLAGS_OFFSET, (byte)flags);
        buffer.putByte(offset + RecordLayout.EVENT_TYPE_OFFSET, (byte)eventType);
        buffer.putByte(offset + RecordLayout.GTID_KIND_OFFSET, (byte)gtidKind.code());
        buffer.putShort(offset + RecordLayout.SOURCE_FILE_NAME_LENGTH_OFFSET, (short)nameLength, ByteOrder.LITTLE_ENDIAN);
        buffer.putShort(offset + RecordLayout.GTID_LENGTH_OFFSET, (short)gtidLength, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(offset + RecordLayout.EVENT_TIMESTAMP_OFFSET, (int)eventTimestamp, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(offset + RecordLayout.EVENT_LENGTH_OFFSET, eventLength, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(offset + RecordLayout.END_POSITION_OFFSET, endPosition, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(offset + RecordLayout.RECEIVE_TIME_NANOS_OFFSET, receiveTimeNanos, ByteOrder.LITTLE_ENDIAN);
        buffer.putBytes(offset + RecordLayout.HEADER_LENGTH, sourceFileNameBytes);
        buffer.putBytes(offset + RecordLayout.HEADER_LENGTH + nameLength, gtid, 0, gtidLength);
        return RecordLayout.HEADER_LENGTH + nameLength + gtidLength;
    }

    /**
     * @return whether a source file name was set.
     */
    boolean hasSourceFileName()
    {
        return sourceFileNameBytes != null;
    }
}
