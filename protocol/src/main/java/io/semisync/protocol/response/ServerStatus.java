package io.semisync.protocol.response;

/** Server status flags, as OK and EOF packets and the greeting carry them. */
public final class ServerStatus
{
    /** Autocommit is on: every statement is its own transaction. */
    public static final int SERVER_STATUS_AUTOCOMMIT = 0x0002;

    private ServerStatus()
    {
    }
}
