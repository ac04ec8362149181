package io.semisync.replica;

import io.semisync.protocol.ServerErrorException;
import io.semisync.replica.session.FatalReplicationException;
import io.semisync.replica.stream.BinlogChecksumException;
import io.semisync.storage.RelayLogException;

import java.time.Instant;

/**
 * The last problem of the replication stream, numbered as MySQL's replica numbers its I/O thread's errors
 * ({@code Last_IO_Errno}): the source's own error code when it refused us, otherwise the client error a MySQL
 * replica would report.
 *
 * @param code    MySQL's error number; 0 for none
 * @param message what went wrong; empty for none
 * @param time    when it happened; null for none
 */
public record ReplicationError(int code, String message, Instant time)
{
    /** No error. */
    public static final ReplicationError NONE = new ReplicationError(0, "", null);

    /** CR_CONN_HOST_ERROR: the connection or login to the source failed. */
    static final int CANNOT_CONNECT = 2003;
    /** CR_SERVER_LOST: the stream broke. */
    static final int CONNECTION_LOST = 2013;
    /** ER_NETWORK_READ_EVENT_CHECKSUM_FAILURE: an event's CRC32 did not match. */
    static final int EVENT_CHECKSUM_FAILURE = 1743;
    /** ER_REPLICA_FATAL_ERROR: a problem retrying cannot fix (our server_id is the source's). */
    static final int FATAL = 1593;
    /** ER_REPLICA_RELAY_LOG_WRITE_FAILURE: the relay log could not store or sync. */
    static final int RELAY_LOG_WRITE_FAILURE = 1595;

    /**
     * The error a failure of the stream stands for.
     *
     * @param streaming whether the stream had started (a lost connection) or not (a failed connect)
     */
    static ReplicationError of(final Throwable cause, final boolean streaming, final Instant time)
    {
        final int code;
        if (cause instanceof ServerErrorException error)
        {
            code = error.errorCode();
        }
        else if (cause instanceof BinlogChecksumException)
        {
            code = EVENT_CHECKSUM_FAILURE;
        }
        else if (cause instanceof FatalReplicationException)
        {
            code = FATAL;
        }
        else if (cause instanceof RelayLogException)
        {
            code = RELAY_LOG_WRITE_FAILURE;
        }
        else
        {
            code = streaming ? CONNECTION_LOST : CANNOT_CONNECT;
        }
        return new ReplicationError(code, cause.getClass().getSimpleName() + ": " + cause.getMessage(), time);
    }

    public boolean isNone()
    {
        return code == 0 && message.isEmpty();
    }
}
