package io.semisync.replica.session;

import io.netty.channel.ChannelHandler;
import io.semisync.protocol.client.MySqlConnection;
import io.semisync.protocol.ClientMessage;
import io.semisync.protocol.command.BinlogDumpFlags;
import io.semisync.protocol.command.ComBinlogDump;
import io.semisync.protocol.command.ComBinlogDumpGtid;
import io.semisync.protocol.command.ComRegisterSlave;
import io.semisync.replica.source.SourceFacts;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The commands that turn a logged-in connection into a binlog stream: session variables, COM_REGISTER_SLAVE,
 * then the dump in the source's dialect (COM_BINLOG_DUMP_GTID with our GTID set on MySQL, COM_BINLOG_DUMP
 * after {@code @slave_connect_state} on MariaDB, or COM_BINLOG_DUMP with a file and position), after which
 * {@code streamHandler} receives the events.
 */
public final class ReplicationSession
{
    /** Where a GTID dump starts when the GTIDs decide: the start of the first file that holds one we lack. */
    private static final String REPORT_HOST = "semisync-replica";

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
        CompletableFuture<?> chain = CompletableFuture.completedFuture(null);
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
