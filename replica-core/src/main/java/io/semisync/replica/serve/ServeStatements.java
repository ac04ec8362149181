package io.semisync.replica.serve;

import io.netty.buffer.ByteBuf;
import io.semisync.protocol.command.CommandCode;
import io.semisync.protocol.response.OkPacket;
import io.semisync.protocol.server.CommandExchange;
import io.semisync.protocol.server.CommandHandler;
import io.semisync.protocol.server.OkResult;
import io.semisync.protocol.server.QueryResult;
import io.semisync.protocol.server.ResultColumn;
import io.semisync.protocol.server.ServerSession;
import io.semisync.protocol.server.SessionHandler;
import io.semisync.protocol.server.SqlErrorException;
import io.semisync.protocol.server.TextResultSet;
import io.semisync.replica.DownstreamReplicas.Downstream;
import io.semisync.replica.Replica;
import io.semisync.replica.ReplicaStatus;
import io.semisync.replica.config.Settings;
import io.semisync.replica.session.MariadbGtidPosition;
import io.semisync.replica.stream.ChainedAcks;
import io.semisync.storage.relaylog.ReaderPositions;
import io.semisync.storage.relaylog.RegisteredReader;
import org.agrona.concurrent.NanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers what a MySQL or MariaDB replica's I/O thread asks on connect as the source would (its server id and UUID,
 * GTID_MODE ON, CRC32 checksums; the user variables it sets are kept for its dump, such as the heartbeat period or
 * MariaDB's GTID position), registers it, and streams the relay log ({@link BinlogDumpStream}) on COM_BINLOG_DUMP_GTID
 * (MySQL GTIDs), and on COM_BINLOG_DUMP by MariaDB GTIDs when the connection set {@code @slave_connect_state}, else from
 * the file and position asked for.
 */
final class ServeStatements implements SessionHandler
{
    private static final Logger LOG = LoggerFactory.getLogger(ServeStatements.class);
    private static final Pattern SHOW_VARIABLES = Pattern.compile("SHOW (?:GLOBAL |SESSION )?VARIABLES LIKE '([A-Za-z0-9_]+)'",
        Pattern.CASE_INSENSITIVE);
    /** A dump by position finds out whether the archive holds that position as it reads up to it. */
    private static final Runnable CHECKED_WHILE_STREAMING = () ->
    {
    };
    private static final String READER_PREFIX = "serve:";
    private static final Pattern SELECT_VARIABLE = Pattern.compile("SELECT @@(?:GLOBAL\\.)?([A-Za-z0-9_]+)", Pattern.CASE_INSENSITIVE);

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
        replica.downstreams().remove(session.connectionId());
    }

    /**
     * COM_REGISTER_SLAVE: server id u32, host, user and password each a u8 length and the bytes, port u16 (then rank
     * and source id, unused).
     */
    private Downstream registration(final CommandExchange exchange)
    {
        final ByteBuf body = exchange.body();
        try
        {
            final long serverId = body.readUnsignedIntLE();
            final String host = body.readCharSequence(body.readUnsignedByte(), StandardCharsets.UTF_8).toString();
            body.skipBytes(body.readUnsignedByte());
            body.skipBytes(body.readUnsignedByte());
            final int port = body.readUnsignedShortLE();
            final String uuid = replicaUuid(exchange.session());
            return new Downstream(serverId, host, port, uuid == null ? "" : uuid);
        }
        catch (final IndexOutOfBoundsException ex)
        {
            throw new SqlErrorException(1105, "HY000", "malformed COM_REGISTER_SLAVE: it ends before its port does");
        }
    }

    /** The server UUID the replica set for its connection (MySQL's {@code @replica_uuid}, older {@code @slave_uuid}), or null. */
    private String replicaUuid(final ServerSession session)
    {
        final UserVariables variables = variables(session);
        return variables.get("replica_uuid") != null ? variables.get("replica_uuid") : variables.get("slave_uuid");
    }

    /**
     * The name the replica's position is registered under in the relay log ({@link ReaderPositions}): {@code serve:} and its
     * server UUID, or its server id when it sent none (MariaDB replicas, binlog clients).
     */
    private String readerName(final ServerSession session, final long serverId)
    {
        final String uuid = replicaUuid(session);
        return READER_PREFIX + (uuid != null && !uuid.isBlank() ? uuid : "server-id-" + serverId);
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
        if (upper.startsWith("SET "))
        {
            variables(session).set(statement);
            return CompletableFuture.completedFuture(OkResult.empty());
        }
        final Matcher show = SHOW_VARIABLES.matcher(statement);
        if (show.matches())
        {
            final String name = show.group(1).toLowerCase(Locale.ROOT);
            final String value = variable(name);
            return CompletableFuture.completedFuture(new TextResultSet(List.of(ResultColumn.text("Variable_name"), ResultColumn.text("Value")),
                value == null ? List.of() : List.of(List.of(name, value))));
        }
        if (upper.startsWith("SELECT BINLOG_GTID_POS("))
        {
            // MariaDB's replica asks, when it connects by file and position, for the GTID position there, to connect by
            // GTID later; NULL tells it the source cannot say, and it connects as asked
            return CompletableFuture.completedFuture(new TextResultSet(List.of(ResultColumn.text(statement.substring("SELECT ".length()))),
                List.of(Collections.singletonList(null))));
        }
        final Matcher select = SELECT_VARIABLE.matcher(statement);
        final String value = select.matches() ? variable(select.group(1).toLowerCase(Locale.ROOT))
            : switch (upper)
            {
                case "SELECT UNIX_TIMESTAMP()" -> String.valueOf(System.currentTimeMillis() / 1000);
                case "SELECT @MASTER_BINLOG_CHECKSUM", "SELECT @SOURCE_BINLOG_CHECKSUM" -> variable("binlog_checksum");
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

    /**
     * The source's system variables a replica asks for, as the source has them; MariaDB's replica reads gtid_domain_id
     * only to learn that the source knows MariaDB GTIDs, and gets 0.
     */
    private String variable(final String name)
    {
        final ReplicaStatus status = replica.status();
        return switch (name)
        {
            case "server_id" -> String.valueOf(status.sourceServerId());
            case "server_uuid" -> status.sourceUuid();
            case "gtid_mode" -> "ON";
            case "gtid_domain_id" -> "0";
            case "binlog_checksum" -> "CRC32";
            case "rpl_semi_sync_source_enabled", "rpl_semi_sync_master_enabled" -> "ON";
            default -> null;
        };
    }

    @Override
    public Optional<CommandHandler> command(final int commandCode)
    {
        return switch (commandCode)
        {
            case CommandCode.COM_REGISTER_SLAVE -> Optional.of(exchange ->
            {
                replica.downstreams().register(exchange.session().connectionId(), registration(exchange));
                return exchange.write(new OkPacket(0, 0, 2, 0, ""));
            });
            case CommandCode.COM_BINLOG_DUMP_GTID -> Optional.of(exchange ->
            {
                final DumpRequest request = DumpRequest.decodeGtid(exchange.body());
                log(exchange, request, "with GTIDs " + request.gtids());
                return dump(exchange, request, () -> ArchiveCoverage.checkMysql(replica, request.gtids()),
                    DumpScope.byGtids(ReplicaGtids.mysql(request.gtids()), false), (request.flags() & DumpRequest.HEARTBEAT_V2) != 0);
            });
            case CommandCode.COM_BINLOG_DUMP -> Optional.of(exchange ->
            {
                final DumpRequest request = DumpRequest.decodePosition(exchange.body());
                final String connectState = variables(exchange.session()).get("slave_connect_state");
                log(exchange, request, connectState == null ? "" : "with MariaDB GTID position '" + connectState + "'");
                // flag 0x02 asks MariaDB for ANNOTATE_ROWS, MySQL for HEARTBEAT_V2
                final boolean mariadb = replica.sourceFormatDescription().map(event -> SourceVersion.of(event).isMariadb()).orElse(false);
                final boolean annotateRows = mariadb && (request.flags() & DumpRequest.SEND_ANNOTATE_ROWS) != 0;
                final boolean heartbeatV2 = !mariadb && (request.flags() & DumpRequest.HEARTBEAT_V2) != 0;
                if (connectState == null)
                {
                    return dump(exchange, request, CHECKED_WHILE_STREAMING, DumpScope.byPosition(request.fileName(), request.position(), annotateRows), heartbeatV2);
                }
                final MariadbGtidPosition position = mariadbPosition(connectState);
                return dump(exchange, request, () -> ArchiveCoverage.checkMariadb(replica, position),
                    DumpScope.byGtids(ReplicaGtids.mariadb(position), annotateRows), heartbeatV2);
            });
            default -> Optional.empty();
        };
    }

    private static MariadbGtidPosition mariadbPosition(final String connectState)
    {
        try
        {
            return MariadbGtidPosition.parse(connectState);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new SqlErrorException(1236, "HY000", "@slave_connect_state: " + ex.getMessage());
        }
    }

    private static void log(final CommandExchange exchange, final DumpRequest request, final String how)
    {
        LOG.info("replica {}@{} (server id {}) asks for the binlog from {}:{} {} (flags 0x{})", exchange.session().user(),
            exchange.session().clientHost(), request.serverId(), request.fileName(), request.position(), how,
            Integer.toHexString(request.flags()));
    }

    /**
     * Streams the relay log once {@code coverage}, run on the serving thread (it may read the whole relay log), found
     * that the archive can serve the replica, registering the replica's position in the relay log from the oldest record
     * on (the dump moves it on as it passes what the replica has). A replica refused whose registration fell behind is
     * told so instead.
     */
    private CompletionStage<Void> dump(final CommandExchange exchange, final DumpRequest request, final Runnable coverage,
        final DumpScope scope, final boolean heartbeatV2)
    {
        final String readerName = readerName(exchange.session(), request.serverId());
        final ReaderPositions readers = replica.relayLog().readers();
        final byte[] formatDescription = replica.sourceFormatDescription().orElseThrow(() -> new SqlErrorException(1236,
            "HY000", "this node has not connected to its source yet, so it cannot describe the binlog format; retry once "
            + "it streams"));
        final long heartbeatNanos = variables(exchange.session()).integer(0, "source_heartbeat_period", "master_heartbeat_period");
        final UserVariables variables = variables(exchange.session());
        final boolean semisync = variables.integer(0, "rpl_semi_sync_replica", "rpl_semi_sync_slave") == 1;
        final StreamStart start = StreamStart.of(replica.status().sourceServerId(), formatDescription, heartbeatNanos, heartbeatV2,
            semisync);
        return CompletableFuture.runAsync(() ->
        {
            try
            {
                coverage.run();
            }
            catch (final SqlErrorException ex)
            {
                throw readers.reader(readerName).map(RegisteredReader::fellBehindMessage).map(ArchiveCoverage::fellBehind).orElse(ex);
            }
        }, thread).whenComplete((checked, refused) ->
        {
            if (refused != null)
            {
                LOG.info("binlog dump to {}@{} refused: {}", exchange.session().user(), exchange.session().clientHost(),
                    refused.getCause() != null ? refused.getCause().getMessage() : refused.getMessage());
            }
        }).thenCompose(checked ->
        {
            final DownstreamAcks acks = new DownstreamAcks(semisync ? replica.chainedAcks().map(ChainedAcks::join).orElse(null) : null);
            replica.downstreams().acking(exchange.session().connectionId(), acks::last);
            final RegisteredReader registration = readers.register(readerName, ReaderPositions.FROM_OLDEST);
            return new BinlogDumpStream(exchange, replica.openRelayLogReader(), scope, replica::servableIndex, start, thread, clock,
                replica.config().get(Settings.SERVE_WRITE_TIMEOUT).toNanos(), acks, registration).begin();
        });
    }
}
