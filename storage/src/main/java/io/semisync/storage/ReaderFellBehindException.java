package io.semisync.storage;

/**
 * A registered reader of the relay log (a downstream replica, a change-feed position) needs records that retention
 * deleted once the relay log grew past the cap on what it keeps for readers. The message names the reader, where it
 * was and what to do.
 */
public final class ReaderFellBehindException extends RelayLogException
{
    private static final long serialVersionUID = 1L;

    public ReaderFellBehindException(final String message)
    {
        super(message);
    }
}
