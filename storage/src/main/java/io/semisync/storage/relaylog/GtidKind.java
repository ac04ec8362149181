package io.semisync.storage.relaylog;

/**
 * What the GTID bytes of a record are. Storage keeps them opaque; the layouts below are what replica-core writes.
 */
public enum GtidKind
{
    /** No GTID: anonymous transactions, events outside a transaction. Length 0. */
    NONE(0, 0, 0),

    /** MySQL: 16-byte source UUID (as in the GTID event), u64 LE transaction number. Length 24. */
    MYSQL(1, 24, 24),

    /** MySQL 8.3+ tagged: 16-byte UUID, u64 LE transaction number, then the 1 to 32 byte tag. Length 25..56. */
    MYSQL_TAGGED(2, 25, 56),

    /** MariaDB: u32 LE domain id, u32 LE server id, u64 LE sequence number. Length 16. */
    MARIADB(3, 16, 16);

    private static final GtidKind[] BY_CODE = values();

    private final int code;
    private final int minLength;
    private final int maxLength;

    GtidKind(final int code, final int minLength, final int maxLength)
    {
        this.code = code;
        this.minLength = minLength;
        this.maxLength = maxLength;
    }

    /**
     * @return the code stored in the record.
     */
    public int code()
    {
        return code;
    }

    /**
     * @param length a GTID length in bytes.
     * @return whether a GTID of this kind may have that length.
     */
    public boolean isValidLength(final int length)
    {
        return length >= minLength && length <= maxLength;
    }

    /**
     * @param code a stored code.
     * @return the kind, or null if the code is unknown.
     */
    public static GtidKind fromCode(final int code)
    {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
