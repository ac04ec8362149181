package io.semisync.protocol.response;

import io.netty.buffer.ByteBuf;
import io.semisync.protocol.framing.PacketHeader;

/** The first payload byte that tells server responses apart. */
public final class ResponseHeader
{
    /** OK packet. */
    public static final int OK = 0x00;
    /** AuthMoreData during login. */
    public static final int AUTH_MORE_DATA = 0x01;
    /** LOCAL INFILE request in answer to a query. */
    public static final int LOCAL_INFILE = 0xFB;
    /** EOF packet, the OK packet ending a result set under CLIENT_DEPRECATE_EOF, or AuthSwitchRequest during login. */
    public static final int EOF = 0xFE;
    /** ERR packet. */
    public static final int ERR = 0xFF;

    /** Longest classic EOF packet; a longer payload starting with 0xFE is a row. */
    private static final int MAX_EOF_LENGTH = 9;

    private ResponseHeader()
    {
    }

    /** The header byte of a payload, or -1 when it is empty. */
    public static int of(final ByteBuf payload)
    {
        return payload.isReadable() ? payload.getUnsignedByte(payload.readerIndex()) : -1;
    }

    /**
     * Whether a payload inside a result set ends it: an EOF packet, or under CLIENT_DEPRECATE_EOF an OK
     * packet with header 0xFE. A row can start with 0xFE only as the prefix of a value of 16 MiB or more.
     */
    public static boolean isResultSetEnd(final ByteBuf payload, final boolean deprecateEof)
    {
        final int limit = deprecateEof ? PacketHeader.MAX_CHUNK_LENGTH : MAX_EOF_LENGTH;
        return of(payload) == EOF && payload.readableBytes() < limit;
    }
}
