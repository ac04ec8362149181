package io.semisync.replica.serve;

import io.semisync.protocol.command.CommandCode;
import io.semisync.protocol.response.OkPacket;
import io.semisync.protocol.server.CommandHandler;
import io.semisync.protocol.server.OkResult;
import io.semisync.protocol.server.QueryResult;
import io.semisync.protocol.server.ResultColumn;
import io.semisync.protocol.server.ServerSession;
import io.semisync.protocol.server.SessionHandler;
import io.semisync.protocol.server.SqlErrorException;
import io.semisync.protocol.server.TextResultSet;
import io.semisync.replica.Replica;
import io.semisync.replica.ReplicaStatus;
import org.agrona.concurrent.NanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Answers what a MySQL replica's I/O thread asks on connect as the source would (its server id and UUID, GTID_MODE ON,
 * CRC32 checksums; the user variables it sets are kept for its dump, such as the heartbeat period), registers it, and
 * streams the relay log on COM_BINLOG_DUMP_GTID ({@link BinlogDumpStream}).
 */
final class ServeStatements implements SessionHandler
{
    private static final Logger LOG = LoggerFactory.getLogger(ServeStatements.class);

    private final Replica replica;
    private final ScheduledExecutorService thread;
    private final NanoClock clock;
    private final Map<Long, UserVariables> sessions = new ConcurrentHashMap<>();

    ServeStatements(final Replica replica, final ScheduledExecutorService thread, final NanoClock clock)
    {
        this.replica = replica;
        this.thread = thread;
        this.clock = clock;
    }

    @Override
    public void closed(final ServerSession session)
    {
        sessions.remove(session.connectionId());
    }

    private UserVariables variables(final ServerSession session)
    {
        return sessions.computeIfAbsent(session.connectionId(), id -> new UserVariables());
    }

    @Override
    public CompletionStage<QueryResult> query(final ServerSession session, final String sql)
    {
        LOG.info("replica {}@{}: {}", session.user(), session.clientHost(), sql);
        final String statement = sql.trim().replaceAll("\\s+", " ");
        final String upper = statement.toUpperCase(Locale.ROOT);
        final ReplicaStatus status = replica.status();
        if (upper.startsWith("SET "))
        {
            variables(session).set(statement);
            return CompletableFuture.completedFuture(OkResult.empty());
        }
        final String value = switch (upper)
        {
            case "SELECT UNIX_TIMESTAMP()" -> String.valueOf(System.currentTimeMillis() / 1000);
            case "SELECT @@GLOBAL.SERVER_ID" -> String.valueOf(status.sourceServerId());
            case "SELECT @@GLOBAL.SERVER_UUID" -> status.sourceUuid();
            case "SELECT @@GLOBAL.GTID_MODE" -> "ON";
            case "SELECT @MASTER_BINLOG_CHECKSUM", "SELECT @SOURCE_BINLOG_CHECKSUM", "SELECT @@GLOBAL.BINLOG_CHECKSUM" -> "CRC32";
            default -> null;
        };
        if (value == null)
        {
            return CompletableFuture.failedFuture(new SqlErrorException(1064, "42000", "this replication endpoint does not answer '"
                + statement + "': it answers what a replica's I/O thread asks; use the admin endpoint for anything else"));
        }
        final String column = statement.substring("SELECT ".length());
        return CompletableFuture.completedFuture(new TextResultSet(List.of(ResultColumn.text(column)), List.of(List.of(value))));
    }

    @Override
    public Optional<CommandHandler> command(final int commandCode)
    {
        if (commandCode == CommandCode.COM_REGISTER_SLAVE)
        {
            return Optional.of(exchange -> exchange.write(new OkPacket(0, 0, 2, 0, "")));
        }
        if (commandCode == CommandCode.COM_BINLOG_DUMP_GTID)
        {
            return Optional.of(exchange ->
            {
                final DumpRequest request = DumpRequest.decodeGtid(exchange.body());
                LOG.info("replica {}@{} (server id {}) asks for the binlog from {}:{} with GTIDs {} (flags 0x{})",
                    exchange.session().user(), exchange.session().clientHost(), request.serverId(), request.fileName(), request.position(),
                    request.gtids(), Integer.toHexString(request.flags()));
                final byte[] formatDescription = replica.sourceFormatDescription().orElseThrow(() -> new SqlErrorException(1236,
                    "HY000", "this node has not connected to its source yet, so it cannot describe the binlog format; retry once "
                    + "it streams"));
                final long heartbeatNanos = variables(exchange.session()).integer(0, "source_heartbeat_period", "master_heartbeat_period");
                final StreamStart start = StreamStart.of(replica.status().sourceServerId(), formatDescription, heartbeatNanos,
                    (request.flags() & DumpRequest.HEARTBEAT_V2) != 0);
                return new BinlogDumpStream(exchange, replica.openRelayLogReader(), request.gtids(), replica::servableIndex, start,
                    thread, clock).begin();
            });
        }
        return Optional.empty();
    }
}
