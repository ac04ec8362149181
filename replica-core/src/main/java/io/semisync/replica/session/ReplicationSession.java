package io.semisync.replica.session;

import io.netty.channel.ChannelHandler;
import io.semisync.protocol.client.MySqlConnection;
import io.semisync.protocol.ClientMessage;
import io.semisync.protocol.command.BinlogDumpFlags;
import io.semisync.protocol.command.ComBinlogDump;
import io.semisync.protocol.command.ComBinlogDumpGtid;
import io.semisync.protocol.command.ComRegisterSlave;
import io.semisync.protocol.response.ResultSet;
import io.semisync.protocol.response.Row;
import io.semisync.replica.source.SourceFacts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The commands that turn a logged-in connection into a binlog stream: session variables, COM_REGISTER_SLAVE,
 * then the dump in the source's dialect (COM_BINLOG_DUMP_GTID with our GTID set on MySQL, COM_BINLOG_DUMP
 * after {@code @slave_connect_state} on MariaDB, or COM_BINLOG_DUMP with a file and position), after which
 * {@code streamHandler} receives the events.
 */
public final class ReplicationSession
{
    /** Where a GTID dump starts when the GTIDs decide: the start of the first file that holds one we lack. */
    private static final Logger LOG = LoggerFactory.getLogger(ReplicationSession.class);
    private static final String REPORT_HOST = "semisync-replica";
    /** How often, and how far apart, the source's registered replicas are checked for our server_id before we give up. */
    private static final int SERVER_ID_CHECKS = 6;
    private static final long SERVER_ID_RECHECK_MILLIS = 500;

    private ReplicationSession()
    {
    }

    /**
     * Sends everything and completes when the dump command is written.
     *
     * @throws FatalReplicationException (through the future) when {@code serverId} is the source's own
     */
    public static CompletableFuture<Void> start(
        final MySqlConnection connection,
        final SourceFacts facts,
        final long serverId,
        final String replicaUuid,
        final Duration heartbeatPeriod,
        final boolean semisync,
        final ResumePoint resume,
        final ChannelHandler streamHandler)
    {
        if (facts.serverId() == serverId)
        {
            return CompletableFuture.failedFuture(new FatalReplicationException("server-id " + serverId
                + " is the source's own server_id: give the replica a server-id that no server in the topology uses"));
        }
        // MariaDB lists replicas only to REPLICATION MASTER ADMIN and names no UUID; it ends the older of two dumps with
        // one server_id instead (ER_SLAVE_SAME_ID), which Replica turns into a stop with what to do
        CompletableFuture<?> chain = facts.isMariadb() ? CompletableFuture.completedFuture(null)
            : awaitNoOtherReplicaWith(connection, serverId, replicaUuid, SERVER_ID_CHECKS);
        final List<String> statements = SessionVariables.statements(facts, heartbeatPeriod, replicaUuid, semisync, resume);
        for (final String sql : statements)
        {
            chain = chain.thenCompose(ignored -> connection.execute(sql));
        }
        return chain
            .thenCompose(ignored -> connection.command(new ComRegisterSlave(serverId, REPORT_HOST, "", "", 0)))
            .thenCompose(ignored ->
            {
                if (semisync)
                {
                    // the ACK is a packet of our own numbered 0, after which the source renumbers its packets
                    connection.packetSequence().followPeer();
                }
                return connection.startStream(dumpCommand(facts, serverId, resume), streamHandler);
            });
    }

    /**
     * Completes when no other replica is registered on the source with our server_id, checking again every
     * {@link #SERVER_ID_RECHECK_MILLIS} ms up to {@code checks} times: a replica that stopped stays registered until the
     * source notices, at its next heartbeat to it.
     *
     * @throws ServerIdConflictException (through the future) when one is still registered after the last check
     */
    private static CompletableFuture<Void> awaitNoOtherReplicaWith(
        final MySqlConnection connection, final long serverId, final String replicaUuid, final int checks)
    {
        return connection.query("SHOW REPLICAS").handle((replicas, failure) ->
        {
            if (failure != null)
            {
                LOG.warn("cannot check that no other replica of the source has our server_id {}: SHOW REPLICAS failed: {}", serverId,
                    failure.getMessage());
            }
            return failure != null ? null : otherReplicaWith(serverId, replicaUuid, replicas);
        }).thenCompose(other ->
        {
            if (other == null)
            {
                return CompletableFuture.completedFuture(null);
            }
            if (checks <= 1)
            {
                return CompletableFuture.failedFuture(new ServerIdConflictException("another replica is registered on the source with our "
                    + "server_id " + serverId + " (" + other + "), and a source tells its replicas apart by server_id"));
            }
            final Executor later = CompletableFuture.delayedExecutor(SERVER_ID_RECHECK_MILLIS, TimeUnit.MILLISECONDS);
            return CompletableFuture.runAsync(() -> { }, later).thenCompose(ignored ->
                awaitNoOtherReplicaWith(connection, serverId, replicaUuid, checks - 1));
        });
    }

    /**
     * The replica registered with our server_id but another UUID in MySQL's {@code SHOW REPLICAS} (Server_Id, Host, Port,
     * Source_Id, Replica_UUID), null if none. A row with our UUID is our own registration from before a restart, which
     * the source ends when we dump.
     */
    private static String otherReplicaWith(final long serverId, final String replicaUuid, final ResultSet replicas)
    {
        for (final Row replica : replicas.rows())
        {
            if (Long.parseLong(replica.getString(0)) == serverId && !replicaUuid.equalsIgnoreCase(replica.getString(4)))
            {
                return "host " + replica.getString(1) + ", Replica_UUID " + replica.getString(4) + "; ours is " + replicaUuid;
            }
        }
        return null;
    }

    private static ClientMessage dumpCommand(final SourceFacts facts, final long serverId, final ResumePoint resume)
    {
        final int flags = facts.isMariadb() ? BinlogDumpFlags.BLOCK | BinlogDumpFlags.MARIADB_SEND_ANNOTATE_ROWS : BinlogDumpFlags.BLOCK;
        if (resume instanceof BinlogPosition position)
        {
            return new ComBinlogDump(position.position(), flags, serverId, position.fileName());
        }
        final GtidState gtids = (GtidState)resume;
        return facts.isMariadb()
            ? new ComBinlogDump(BinlogPosition.FIRST_EVENT, flags, serverId, "")
            : new ComBinlogDumpGtid(flags, serverId, "", BinlogPosition.FIRST_EVENT, gtids.mysqlSet().toBytes());
    }
}
