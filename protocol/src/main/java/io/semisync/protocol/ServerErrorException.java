package io.semisync.protocol;

/** The server answered with an ERR packet: its error code, SQL state and message, unchanged. */
public final class ServerErrorException extends ProtocolException
{
    private final int errorCode;
    private final String sqlState;
    private final String serverMessage;

    public ServerErrorException(final int errorCode, final String sqlState, final String serverMessage)
    {
        super("server error " + errorCode + " (" + sqlState + "): " + serverMessage);
        this.errorCode = errorCode;
        this.sqlState = sqlState;
        this.serverMessage = serverMessage;
    }

    /** The server's error number, e.g. 1045 for access denied. */
    public int errorCode()
    {
        return errorCode;
    }

    /** The five-character SQLSTATE, e.g. {@code 28000}; {@code HY000} when the server sent none. */
    public String sqlState()
    {
        return sqlState;
    }

    /** The human-readable message exactly as the server sent it. */
    public String serverMessage()
    {
        return serverMessage;
    }
}
