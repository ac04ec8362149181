package io.semisync.replica;

import io.semisync.protocol.framing.PacketTooLargeException;
import io.semisync.replica.session.FatalReplicationException;
import io.semisync.replica.session.ServerIdConflictException;
import io.semisync.replica.stream.BinlogChecksumException;

import java.util.Objects;

/**
 * Tells a failure that reconnecting may fix from one that comes back on every attempt: the same event failing the same
 * way (a packet over the cap, a CRC32 mismatch at the same position, another replica with our server_id) with nothing
 * stored in between. After
 * {@code limit} such failures in a row it turns the failure into a {@link FatalReplicationException} that says what to
 * do, instead of reconnecting forever.
 */
final class RepeatedEventFailure
{
    private final int limit;
    private String lastFailure;
    private String lastStoredPoint;
    private int inARow;

    /** @param limit how many times in a row the same event may fail the same way before the replica stops */
    RepeatedEventFailure(final int limit)
    {
        if (limit < 1)
        {
            throw new IllegalArgumentException("limit must be positive but was " + limit);
        }
        this.limit = limit;
    }

    /**
     * Records a failure of the stream.
     *
     * @param cause       why the stream ended
     * @param storedPoint where the relay log's last durable transaction ends: progress in between resets the count
     * @return the failure to stop with when this one has now come back {@code limit} times in a row, else null
     */
    FatalReplicationException onFailure(final Throwable cause, final String storedPoint)
    {
        final String advice = advice(cause);
        if (advice == null)
        {
            lastFailure = null;
            inARow = 0;
            return null;
        }
        final String failure = cause.getClass().getName() + ": " + cause.getMessage();
        if (failure.equals(lastFailure) && Objects.equals(storedPoint, lastStoredPoint))
        {
            inARow++;
        }
        else
        {
            lastFailure = failure;
            lastStoredPoint = storedPoint;
            inARow = 1;
        }
        if (inARow < limit)
        {
            return null;
        }
        return new FatalReplicationException("the same event failed the same way " + inARow + " times in a row, so reconnecting "
            + "will not help: " + cause.getMessage() + "; " + advice, cause);
    }

    /** What to do about a failure that comes back on every attempt, looked for along the cause chain (Netty wraps it). */
    private static String advice(final Throwable failure)
    {
        for (Throwable cause = failure; cause != null; cause = cause.getCause())
        {
            if (cause instanceof PacketTooLargeException)
            {
                return "raise --replica-max-allowed-packet (at most 1073741824, MySQL's limit) above the event's size and restart";
            }
            if (cause instanceof ServerIdConflictException)
            {
                return "give each replica of the source a server_id of its own (--server-id) and restart";
            }
            if (cause instanceof BinlogChecksumException)
            {
                return "the source's binlog is likely damaged there: check it with mysqlbinlog --verify-binlog-checksum, and skip "
                    + "or repair that transaction on the source before restarting";
            }
        }
        return null;
    }
}
