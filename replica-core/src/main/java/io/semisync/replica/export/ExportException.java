package io.semisync.replica.export;

/**
 * Why an export could not be done: a bad input (not a relay log, an output directory in use, a range the relay log
 * does not hold, positions that cannot be kept true) or a failed write. The message says what to do.
 */
public final class ExportException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public ExportException(final String message)
    {
        super(message);
    }

    public ExportException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
