package io.semisync.replica.session;

/**
 * Another replica is registered on the source with our server_id. A source tells its replicas apart by server_id: MySQL
 * streams to both (it ends an older dump only for the same server_uuid) but their semisync ACKs and registrations mix,
 * and MariaDB ends the older dump whenever the other connects. A registration left by a replica that just stopped goes
 * away by itself, so this is retried a few times before the replica stops.
 */
public final class ServerIdConflictException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public ServerIdConflictException(final String message)
    {
        super(message);
    }
}
