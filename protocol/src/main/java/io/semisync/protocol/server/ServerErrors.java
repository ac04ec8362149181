package io.semisync.protocol.server;

/** The errors the server core sends itself, with MySQL's codes, SQLSTATEs and wording (sql/share/messages_to_clients.txt). */
final class ServerErrors
{
    static final int ER_HANDSHAKE_ERROR = 1043;
    static final int ER_ACCESS_DENIED_ERROR = 1045;
    static final int ER_NO_DB_ERROR = 1046;
    static final int ER_UNKNOWN_COM_ERROR = 1047;
    static final int ER_UNKNOWN_ERROR = 1105;
    static final int ER_NET_PACKET_TOO_LARGE = 1153;
    static final int ER_NET_PACKETS_OUT_OF_ORDER = 1156;
    static final int ER_MALFORMED_PACKET = 1835;

    /** SQLSTATE of communication errors. */
    static final String COMMUNICATION_ERROR = "08S01";
    /** SQLSTATE of errors without a more specific class. */
    static final String GENERAL_ERROR = "HY000";

    private ServerErrors()
    {
    }

    static SqlErrorException badHandshake()
    {
        return new SqlErrorException(ER_HANDSHAKE_ERROR, COMMUNICATION_ERROR, "Bad handshake");
    }

    static SqlErrorException accessDenied(final String user, final String host, final boolean passwordUsed)
    {
        return new SqlErrorException(ER_ACCESS_DENIED_ERROR, "28000",
            "Access denied for user '" + user + "'@'" + host + "' (using password: " + (passwordUsed ? "YES" : "NO") + ")");
    }

    static SqlErrorException noDatabase()
    {
        return new SqlErrorException(ER_NO_DB_ERROR, "3D000", "No database selected");
    }

    static SqlErrorException unknownCommand()
    {
        return new SqlErrorException(ER_UNKNOWN_COM_ERROR, COMMUNICATION_ERROR, "Unknown command");
    }

    static SqlErrorException packetTooLarge()
    {
        return new SqlErrorException(ER_NET_PACKET_TOO_LARGE, COMMUNICATION_ERROR, "Got a packet bigger than 'max_allowed_packet' bytes");
    }

    static SqlErrorException packetsOutOfOrder()
    {
        return new SqlErrorException(ER_NET_PACKETS_OUT_OF_ORDER, COMMUNICATION_ERROR, "Got packets out of order");
    }

    static SqlErrorException malformedPacket()
    {
        return new SqlErrorException(ER_MALFORMED_PACKET, GENERAL_ERROR, "Malformed communication packet.");
    }

    /** A handler failure that is not a {@link SqlErrorException}: ER_UNKNOWN_ERROR with the failure's message. */
    static SqlErrorException unexpected(final Throwable failure)
    {
        final String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return new SqlErrorException(ER_UNKNOWN_ERROR, GENERAL_ERROR, message);
    }
}
