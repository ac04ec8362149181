package io.semisync.protocol.server;

/**
 * A statement failed the way MySQL reports it: the client receives an ERR packet with this error code,
 * SQLSTATE and message, and the connection stays open. Complete a handler's stage with it.
 */
public final class SqlErrorException extends RuntimeException
{
    private static final int SQL_STATE_LENGTH = 5;

    private final int errorCode;
    private final String sqlState;

    /**
     * @param errorCode  MySQL's error number, e.g. 1064 for a syntax error (0 to 65535)
     * @param sqlState   the five-character SQLSTATE, e.g. {@code 42000}
     * @param message    the text the client shows
     */
    public SqlErrorException(final int errorCode, final String sqlState, final String message)
    {
        super(message);
        if (errorCode < 0 || errorCode > 0xFFFF)
        {
            throw new IllegalArgumentException("errorCode must be 0 to 65535 but is " + errorCode);
        }
        if (sqlState == null || sqlState.length() != SQL_STATE_LENGTH)
        {
            throw new IllegalArgumentException("sqlState must have 5 characters but is " + sqlState);
        }
        this.errorCode = errorCode;
        this.sqlState = sqlState;
    }

    public int errorCode()
    {
        return errorCode;
    }

    public String sqlState()
    {
        return sqlState;
    }
}
