package io.semisync.protocol.binlog;

import io.semisync.protocol.MalformedPacketException;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.UUID;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * View of a MySQL 8.3+ GTID_TAGGED event (42), the GTID event of a transaction committed with a tag
 * ({@code gtid_next='AUTOMATIC:<tag>'}). Its body is a message of MySQL's serialization library, every integer a
 * {@link VarlenInteger}: a leading id, the message size in bytes (the whole body without its checksum), the last
 * non-ignorable field id, then fields, each its id followed by its value, in id order:
 *
 * <pre>
 *  0 flags u8                       6 immediate commit timestamp u64 (microseconds)
 *  1 source UUID: 16 varlen bytes   7 original commit timestamp u64, absent when equal to 6
 *  2 GNO s64                        8 transaction length u64
 *  3 tag: varlen length, bytes      9 immediate server version u32
 *  4 last_committed s64            10 original server version u32, absent when equal to 9
 *  5 sequence_number s64           11 commit group ticket u64, absent when unset (0)
 * </pre>
 *
 * Fields after 11 (a newer server's) are skipped by the message size; one the server marks as not ignorable is refused.
 * {@link #wrap} reads every field once; the accessors then read nothing, and nothing is allocated per event but
 * {@link #uuid()} and {@link #tag()}.
 */
public final class GtidTaggedEventFlyweight
{
    /** Longest tag MySQL accepts. */
    public static final int MAX_TAG_LENGTH = 32;
    private static final int UUID_LENGTH = 16;
    private static final int FLAGS = 0;
    private static final int SOURCE_UUID = 1;
    private static final int GNO = 2;
    private static final int TAG = 3;
    private static final int LAST_COMMITTED = 4;
    private static final int SEQUENCE_NUMBER = 5;
    private static final int IMMEDIATE_COMMIT_TIMESTAMP = 6;
    private static final int ORIGINAL_COMMIT_TIMESTAMP = 7;
    private static final int TRANSACTION_LENGTH = 8;
    private static final int IMMEDIATE_SERVER_VERSION = 9;
    private static final int ORIGINAL_SERVER_VERSION = 10;
    private static final int COMMIT_GROUP_TICKET = 11;

    private final UnsafeBuffer uuid = new UnsafeBuffer(new byte[UUID_LENGTH]);
    private DirectBuffer buffer;
    private int cursor;
    private int end;
    private int field;
    private int flags;
    private long gno;
    private int tagOffset;
    private int tagLength;
    private long lastCommitted;
    private long sequenceNumber;
    private long immediateCommitMicros;
    private long originalCommitMicros;
    private long transactionLength;
    private int immediateServerVersion;
    private int originalServerVersion;
    private long commitGroupTicket;

    /**
     * Reads the event's fields.
     *
     * @throws MalformedPacketException naming the field when the body is not a GTID_TAGGED message this class reads
     */
    public GtidTaggedEventFlyweight wrap(final DirectBuffer buffer, final int eventOffset, final int eventLength)
    {
        this.buffer = buffer;
        final int bodyOffset = eventOffset + EventHeaderFlyweight.LENGTH;
        end = eventOffset + eventLength;
        cursor = bodyOffset;
        field = -1;
        unsigned();
        final long size = unsigned();
        if (size < 0 || size > end - bodyOffset)
        {
            throw malformed("announces a message of " + size + " bytes in a body of " + (end - bodyOffset));
        }
        end = bodyOffset + (int)size;
        final long lastNonIgnorable = unsigned();
        if (lastNonIgnorable > COMMIT_GROUP_TICKET + 1)
        {
            throw malformed("holds field " + (lastNonIgnorable - 1) + ", which a reader must understand and this one does "
                + "not (a newer server's format)");
        }
        readFields();
        if (tagLength == 0)
        {
            throw malformed("has no tag");
        }
        return this;
    }

    private void readFields()
    {
        flags = 0;
        gno = -1;
        tagLength = 0;
        lastCommitted = 0;
        sequenceNumber = 0;
        immediateCommitMicros = -1;
        originalCommitMicros = -1;
        transactionLength = 0;
        immediateServerVersion = 0;
        originalServerVersion = -1;
        commitGroupTicket = 0;
        while (cursor < end)
        {
            final long id = unsigned();
            if (id <= field)
            {
                throw malformed("has field " + id + " after field " + field);
            }
            if (id > COMMIT_GROUP_TICKET)
            {
                break;
            }
            field = (int)id;
            switch (field)
            {
                case FLAGS -> flags = (int)unsigned();
                case SOURCE_UUID -> readUuid();
                case GNO -> gno = signed();
                case TAG -> readTag();
                case LAST_COMMITTED -> lastCommitted = signed();
                case SEQUENCE_NUMBER -> sequenceNumber = signed();
                case IMMEDIATE_COMMIT_TIMESTAMP -> immediateCommitMicros = unsigned();
                case ORIGINAL_COMMIT_TIMESTAMP -> originalCommitMicros = unsigned();
                case TRANSACTION_LENGTH -> transactionLength = unsigned();
                case IMMEDIATE_SERVER_VERSION -> immediateServerVersion = (int)unsigned();
                case ORIGINAL_SERVER_VERSION -> originalServerVersion = (int)unsigned();
                default -> commitGroupTicket = unsigned();
            }
        }
        if (field < GNO || gno < 1)
        {
            throw malformed("has no source UUID and transaction number");
        }
    }

    private void readUuid()
    {
        for (int i = 0; i < UUID_LENGTH; i++)
        {
            final long value = unsigned();
            if (value > 0xFF)
            {
                throw malformed("has a UUID byte of " + value);
            }
            uuid.putByte(i, (byte)value);
        }
    }

    private void readTag()
    {
        final long length = unsigned();
        if (length < 0 || length > MAX_TAG_LENGTH || length > end - cursor)
        {
            throw malformed("announces a tag of " + length + " bytes");
        }
        tagOffset = cursor;
        tagLength = (int)length;
        cursor += tagLength;
    }

    private long unsigned()
    {
        final int at = cursor;
        return VarlenInteger.unsigned(buffer, at, advance());
    }

    private long signed()
    {
        final int at = cursor;
        return VarlenInteger.signed(buffer, at, advance());
    }

    /** Moves the cursor past the integer at it; returns the integer's length. */
    private int advance()
    {
        if (cursor >= end)
        {
            throw malformed("ends in the middle of field " + field);
        }
        final int length = VarlenInteger.length(buffer.getByte(cursor));
        if (length > end - cursor)
        {
            throw malformed("ends in the middle of field " + field);
        }
        cursor += length;
        return length;
    }

    private MalformedPacketException malformed(final String what)
    {
        return new MalformedPacketException("GTID_TAGGED event " + what);
    }

    public int flags()
    {
        return flags;
    }

    /** The 16 UUID bytes in the UUID's own big-endian order, as a GTID event carries them, at offset 0. */
    public DirectBuffer uuidBytes()
    {
        return uuid;
    }

    public long uuidMostSignificantBits()
    {
        return uuid.getLong(0, BIG_ENDIAN);
    }

    public long uuidLeastSignificantBits()
    {
        return uuid.getLong(Long.BYTES, BIG_ENDIAN);
    }

    public UUID uuid()
    {
        return new UUID(uuidMostSignificantBits(), uuidLeastSignificantBits());
    }

    public long gno()
    {
        return gno;
    }

    /** The buffer the tag's bytes are in ({@link #tagOffset()}, {@link #tagLength()}): the one wrapped. */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    public int tagOffset()
    {
        return tagOffset;
    }

    public int tagLength()
    {
        return tagLength;
    }

    /** The tag as the server wrote it (lower case). */
    public String tag()
    {
        return buffer.getStringWithoutLengthAscii(tagOffset, tagLength);
    }

    public long lastCommitted()
    {
        return lastCommitted;
    }

    public long sequenceNumber()
    {
        return sequenceNumber;
    }

    /** When the transaction committed on the server whose binlog we read, microseconds since the epoch; -1 if absent. */
    public long immediateCommitMicros()
    {
        return immediateCommitMicros;
    }

    /** When it committed on the server where it began; the immediate timestamp when the event does not say otherwise. */
    public long originalCommitMicros()
    {
        return originalCommitMicros < 0 ? immediateCommitMicros : originalCommitMicros;
    }

    /** The transaction's length in bytes, this event included. */
    public long transactionLength()
    {
        return transactionLength;
    }

    /** The immediate server's version as MySQL numbers them (90704 for 9.7.4). */
    public int immediateServerVersion()
    {
        return immediateServerVersion;
    }

    public int originalServerVersion()
    {
        return originalServerVersion < 0 ? immediateServerVersion : originalServerVersion;
    }

    /** The binlog group commit ticket, 0 when unset. */
    public long commitGroupTicket()
    {
        return commitGroupTicket;
    }
}
