package io.semisync.storage.relaylog;

/**
 * Byte layout of one relay log record: the content of one Chronicle Queue data excerpt, written as raw bytes.
 * All integers are little-endian. One binlog event is one record.
 *
 * <pre>
 * offset size field
 *   0     u8   format version: {@link #FORMAT_VERSION}; {@link #VOIDED} once recovery dropped the record
 *   1     u8   flags: bit 0 {@link RecordFlags#TRANSACTION_END}, bit 1 {@link RecordFlags#ACK_REQUESTED}
 *   2     u8   event type, as in the binlog event header
 *   3     u8   GTID kind: {@link GtidKind} code (0 none, 1 MySQL, 2 MySQL tagged, 3 MariaDB)
 *   4     u16  source file name length N (1..{@value #MAX_SOURCE_FILE_NAME_LENGTH})
 *   6     u16  GTID length G (0..{@value #MAX_GTID_LENGTH})
 *   8     u32  event timestamp, seconds since the epoch, from the binlog event header
 *  12     u32  event length E
 *  16     u64  end position of the event in the source binlog file (the position to ACK and resume from)
 *  24     u64  receive time, nanoseconds since the epoch, taken by the replica when the event arrived
 *  32     N    source binlog file name, UTF-8, no terminator
 *  32+N   G    GTID bytes of the transaction this event belongs to (see {@link GtidKind} for each kind's layout)
 *  32+N+G E    event bytes exactly as the source sent them (header, body, checksum)
 *  32+N+G+E 4 u32 CRC32C of bytes 1 .. 32+N+G+E (all but the version byte, which recovery overwrites to void a record)
 * </pre>
 *
 * The record length is {@code 32 + N + G + E + 4} and must equal the excerpt length; a reader rejects a record whose
 * lengths disagree or whose CRC32C does not match (a record torn by a power loss may still have plausible lengths).
 * Version 1 had no CRC32C; a relay log of that version is refused with a message that says what to do. The source file name is stored inline in every record so each record is self-describing:
 * retention can delete any old file, and recovery needs only the last commit point, never a look back for a
 * rotate record. It costs N bytes (about 14 for {@code binlog.000001}) per event.
 */
public final class RecordLayout
{
    /** Format version written by this code. */
    public static final int FORMAT_VERSION = 2;

    /** The last format version without a CRC32C per record. */
    public static final int FORMAT_VERSION_WITHOUT_CHECKSUM = 1;

    /** Version byte recovery writes over a record of an incomplete trailing transaction: readers skip it. */
    public static final int VOIDED = 0xFF;

    /** Offset of the u8 format version. */
    public static final int FORMAT_VERSION_OFFSET = 0;

    /** Offset of the u8 flags. */
    public static final int FLAGS_OFFSET = 1;

    /** Offset of the u8 binlog event type. */
    public static final int EVENT_TYPE_OFFSET = 2;

    /** Offset of the u8 GTID kind code. */
    public static final int GTID_KIND_OFFSET = 3;

    /** Offset of the u16 source file name length. */
    public static final int SOURCE_FILE_NAME_LENGTH_OFFSET = 4;

    /** Offset of the u16 GTID length. */
    public static final int GTID_LENGTH_OFFSET = 6;

    /** Offset of the u32 event timestamp in seconds. */
    public static final int EVENT_TIMESTAMP_OFFSET = 8;

    /** Offset of the u32 event length. */
    public static final int EVENT_LENGTH_OFFSET = 12;

    /** Offset of the u64 end position in the source binlog file. */
    public static final int END_POSITION_OFFSET = 16;

    /** Offset of the u64 receive time in epoch nanoseconds. */
    public static final int RECEIVE_TIME_NANOS_OFFSET = 24;

    /** Length of the fixed header; the source file name starts here. */
    public static final int HEADER_LENGTH = 32;

    /** Length of the u32 CRC32C that ends every record. */
    public static final int CHECKSUM_LENGTH = 4;

    /** Longest source file name stored (MySQL's FN_REFLEN). */
    public static final int MAX_SOURCE_FILE_NAME_LENGTH = 512;

    /** Longest GTID stored: a tagged MySQL GTID is 16 + 8 + up to 32 tag bytes. */
    public static final int MAX_GTID_LENGTH = 64;

    private RecordLayout()
    {
    }

    /**
     * @param sourceFileNameLength N.
     * @param gtidLength           G.
     * @param eventLength          E.
     * @return the record length {@code 32 + N + G + E + 4}.
     */
    public static long recordLength(final int sourceFileNameLength, final int gtidLength, final int eventLength)
    {
        return (long)HEADER_LENGTH + sourceFileNameLength + gtidLength + eventLength + CHECKSUM_LENGTH;
    }
}
