package io.semisync.replica.admin;

import io.semisync.protocol.server.OkResult;
import io.semisync.protocol.server.QueryResult;
import io.semisync.protocol.server.ResultColumn;
import io.semisync.protocol.server.ServerSession;
import io.semisync.protocol.server.SessionHandler;
import io.semisync.protocol.server.SqlErrorException;
import io.semisync.replica.DataDirectory;
import io.semisync.replica.Replica;
import io.semisync.replica.ReplicaStatus;
import io.semisync.replica.archive.ArchiveSearch;
import io.semisync.replica.archive.ArchiveSearchException;
import io.semisync.replica.archive.ArchiveTime;
import io.semisync.replica.archive.ArchivedFile;
import io.semisync.replica.archive.ArchivedFileTable;
import io.semisync.replica.cdc.kafka.KafkaSinkStatusFiles;
import io.semisync.replica.config.Settings;
import io.semisync.storage.relaylog.RelayLogFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntSupplier;

/**
 * What the admin endpoint's statements mean. They run one at a time on a thread of their own (reading the replica's
 * status waits for its thread), in both spellings (REPLICA/SOURCE and SLAVE/MASTER), whatever the case, spacing,
 * comments or trailing semicolons; anything else is answered with an error that names the statement, never a
 * dropped connection.
 */
public final class AdminStatements implements SessionHandler, AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(AdminStatements.class);
    /** ER_EMPTY_QUERY. */
    private static final int EMPTY_QUERY = 1065;
    /** ER_BAD_DB_ERROR. */
    private static final int UNKNOWN_DATABASE = 1049;
    private static final String INFORMATION_SCHEMA = "information_schema";
    private static final String PERFORMANCE_SCHEMA = "performance_schema";
    /** ER_REPLICA_CHANNEL_DOES_NOT_EXIST. */
    private static final int NO_SUCH_CHANNEL = 3074;
    private static final Duration REPLICATION_CONTROL_TIMEOUT = Duration.ofSeconds(30);

    private final Replica replica;
    private final Clock clock;
    private final Instant started;
    private final SystemVariables variables;
    private final ReplicaPlugins plugins;
    private final ReplicaStatusTable statusTable;
    private final SelectQuery select;
    private final SetStatement set;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable ->
    {
        final Thread thread = new Thread(runnable, "semisync-replica-admin");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean sqlRunning = true;

    /**
     * @param port  the admin endpoint's actual port ({@code @@port})
     * @param tls   whether it offers TLS
     * @param clock times {@code Uptime} and the error timestamps
     */
    public AdminStatements(final Replica replica, final IntSupplier port, final boolean tls, final Clock clock)
    {
        this.replica = replica;
        this.clock = clock;
        this.started = clock.instant();
        this.variables = new SystemVariables(replica.config(), replica.replicaUuid(), port, tls);
        this.plugins = ReplicaPlugins.open(DataDirectory.installedPluginsOf(dataDir()));
        this.statusTable = new ReplicaStatusTable(clock.getZone());
        this.select = new SelectQuery(variables, this::table);
        this.set = new SetStatement(variables);
    }

    @Override
    public CompletionStage<QueryResult> query(final ServerSession session, final String sql)
    {
        return CompletableFuture.supplyAsync(() -> execute(session, sql), executor);
    }

    /** {@code USE db} and a login's database: only the two schemas whose tables the admin endpoint has (1049 otherwise). */
    @Override
    public CompletionStage<Void> useSchema(final ServerSession session, final String schema)
    {
        final String name = schema.toLowerCase(Locale.ROOT);
        return name.equals(INFORMATION_SCHEMA) || name.equals(PERFORMANCE_SCHEMA) ? CompletableFuture.completedFuture(null)
            : CompletableFuture.failedFuture(new SqlErrorException(UNKNOWN_DATABASE, "42000", "Unknown database '" + schema + "'"));
    }

    /** Runs one statement on the calling thread. */
    QueryResult execute(final ServerSession session, final String sql)
    {
        final TokenCursor cursor = new TokenCursor(sql);
        if (cursor.atEnd())
        {
            throw new SqlErrorException(EMPTY_QUERY, "42000", "Query was empty");
        }
        if (cursor.acceptWords("SELECT"))
        {
            return select.execute(session, cursor);
        }
        if (cursor.acceptWords("SHOW"))
        {
            return show(cursor);
        }
        if (cursor.acceptWords("SET"))
        {
            set.execute(session, cursor);
            return OkResult.empty();
        }
        if (cursor.isWords("START") || cursor.isWords("STOP"))
        {
            return startOrStop(cursor);
        }
        if (cursor.acceptWords("INSTALL", "PLUGIN"))
        {
            final String name = cursor.name();
            cursor.expectWords("SONAME");
            final String library = cursor.string();
            cursor.expectEnd();
            plugins.install(name, library);
            LOG.info("INSTALL PLUGIN {} SONAME '{}' by {}@{}", name, library, session.user(), session.clientHost());
            return OkResult.empty();
        }
        if (cursor.acceptWords("DROP", "RELAYLOG", "READER"))
        {
            final String name = cursor.string();
            cursor.expectEnd();
            if (!replica.relayLog().readers().unregister(name))
            {
                throw AdminErrors.noSuchReader(name);
            }
            LOG.info("DROP RELAYLOG READER '{}' by {}@{}: retention no longer keeps the relay log for it", name, session.user(),
                session.clientHost());
            return OkResult.empty();
        }
        if (cursor.acceptWords("UNINSTALL", "PLUGIN"))
        {
            final String name = cursor.name();
            cursor.expectEnd();
            plugins.uninstall(name);
            LOG.info("UNINSTALL PLUGIN {} by {}@{}", name, session.user(), session.clientHost());
            return OkResult.empty();
        }
        throw AdminErrors.notSupported(sql);
    }

    private QueryResult show(final TokenCursor cursor)
    {
        final String scope = cursor.acceptAnyWord("GLOBAL", "SESSION", "LOCAL");
        if (cursor.acceptWords("VARIABLES"))
        {
            return filtered(cursor, variables.table());
        }
        if (cursor.acceptWords("STATUS"))
        {
            return filtered(cursor, status());
        }
        if (scope != null)
        {
            throw cursor.syntaxError();
        }
        final String spelling = cursor.acceptAnyWord("REPLICA", "SLAVE");
        if (spelling != null && cursor.acceptWords("STATUS"))
        {
            channel(cursor);
            cursor.expectEnd();
            return statusTable.table(snapshot(spelling.equals("SLAVE"))).toResult();
        }
        if (spelling == null && cursor.acceptWords("PLUGINS"))
        {
            cursor.expectEnd();
            return plugins.showPlugins().toResult();
        }
        if (spelling == null && (cursor.acceptWords("BINARY", "LOGS") || cursor.acceptWords("MASTER", "LOGS")))
        {
            throw AdminErrors.noBinaryLogging();
        }
        if (spelling == null && cursor.acceptWords("RELAYLOG", "FILES"))
        {
            cursor.expectEnd();
            return relayLogFiles().toResult();
        }
        if (spelling == null && cursor.acceptWords("RELAYLOG", "READERS"))
        {
            return filtered(cursor, RelayLogReadersTable.of(replica.relayLog()));
        }
        if (spelling == null && cursor.acceptWords("BINLOG", "ARCHIVE"))
        {
            return binlogArchive(cursor).toResult();
        }
        if (spelling == null && (cursor.acceptWords("WARNINGS") || cursor.acceptWords("ERRORS")))
        {
            return new ResultTable(ResultColumn.text("Level"), ResultColumn.number("Code"), ResultColumn.text("Message")).toResult();
        }
        if ((spelling == null && cursor.acceptWords("REPLICAS")) || ("SLAVE".equals(spelling) && cursor.acceptWords("HOSTS")))
        {
            cursor.expectEnd();
            final boolean slave = "SLAVE".equals(spelling);
            final ResultTable replicas = new ResultTable(ResultColumn.number(slave ? "Server_id" : "Server_Id"), ResultColumn.text("Host"),
                ResultColumn.number("Port"), ResultColumn.number(slave ? "Master_id" : "Source_Id"),
                ResultColumn.text(slave ? "Slave_UUID" : "Replica_UUID"), ResultColumn.text("Semisync_last_ack"));
            final String sourceId = String.valueOf(replica.status().sourceServerId());
            replica.downstreams().list().forEach(listed -> replicas.add(String.valueOf(listed.replica().serverId()), listed.replica().host(),
                String.valueOf(listed.replica().port()), sourceId, listed.replica().uuid(), listed.lastAck()));
            return replicas.toResult();
        }
        if (spelling == null && cursor.acceptWords("DATABASES"))
        {
            return filtered(cursor, new ResultTable(ResultColumn.text("Database")).add(INFORMATION_SCHEMA).add(PERFORMANCE_SCHEMA));
        }
        throw AdminErrors.notSupported(cursor.sql());
    }

    /** {@code LIKE 'pattern'} or {@code WHERE condition}, if given, then the end. */
    private static QueryResult filtered(final TokenCursor cursor, final ResultTable table)
    {
        ResultTable result = table;
        if (cursor.acceptWords("LIKE"))
        {
            result = table.like(cursor.string());
        }
        else if (cursor.acceptWords("WHERE"))
        {
            result = table.where(RowFilter.parse(cursor, table.columnNames()));
        }
        cursor.expectEnd();
        return result.toResult();
    }

    /** {@code FOR CHANNEL 'name'}: only the default channel, '', exists. */
    private static void channel(final TokenCursor cursor)
    {
        if (cursor.acceptWords("FOR", "CHANNEL"))
        {
            final String channel = cursor.value();
            if (!channel.isEmpty())
            {
                throw new SqlErrorException(NO_SUCH_CHANNEL, "HY000", "Replication channel '" + channel + "' does not exist.");
            }
        }
    }

    private QueryResult startOrStop(final TokenCursor cursor)
    {
        final boolean start = "START".equals(cursor.acceptAnyWord("START", "STOP"));
        if (cursor.acceptAnyWord("REPLICA", "SLAVE") == null)
        {
            throw AdminErrors.notSupported(cursor.sql());
        }
        boolean io = false;
        boolean sql = false;
        String thread = cursor.acceptAnyWord("IO_THREAD", "SQL_THREAD");
        while (thread != null)
        {
            io |= thread.equals("IO_THREAD");
            sql |= thread.equals("SQL_THREAD");
            thread = cursor.acceptSymbol(",") ? cursor.acceptAnyWord("IO_THREAD", "SQL_THREAD") : null;
        }
        if (!io && !sql)
        {
            io = true;
            sql = true;
        }
        if (start && (cursor.isWords("UNTIL") || cursor.isWords("USER") || cursor.isWords("PASSWORD")))
        {
            throw AdminErrors.notSupported(cursor.sql());
        }
        channel(cursor);
        cursor.expectEnd();
        if (sql)
        {
            sqlRunning = start;
        }
        if (io)
        {
            await(start ? replica.startReplication() : replica.stopReplication());
        }
        return OkResult.empty();
    }

    private static void await(final CompletableFuture<Void> control)
    {
        try
        {
            control.get(REPLICATION_CONTROL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new CompletionException(ex);
        }
        catch (final ExecutionException ex)
        {
            throw AdminErrors.replicationFailed(ex.getCause().getMessage());
        }
        catch (final TimeoutException ex)
        {
            throw AdminErrors.replicationFailed("replication did not answer within " + REPLICATION_CONTROL_TIMEOUT.toSeconds() + " s");
        }
    }

    private ReplicaStatusTable.Snapshot snapshot(final boolean slaveNames)
    {
        return new ReplicaStatusTable.Snapshot(replica.status(), replica.storedProgress(), replica.config(), replica.relayLogFiles(),
            sqlRunning, dataDir(), slaveNames);
    }

    private ResultTable status()
    {
        final ReplicaStatus status = replica.status();
        final Instant now = clock.instant();
        return StatusVariables.table(status, replica.storedProgress(), replica.ackLatency(), Duration.between(started, now),
            replica.chainedAcks(), KafkaSinkStatusFiles.read(dataDir()), now);
    }

    private ResultTable relayLogFiles()
    {
        final ResultTable table = new ResultTable(ResultColumn.text("Log_name"), ResultColumn.number("File_size"),
            ResultColumn.text("Encrypted"));
        for (final RelayLogFile file : replica.relayLogFiles())
        {
            table.add(file.name(), String.valueOf(file.size()), "No");
        }
        return table;
    }

    /**
     * {@code SHOW BINLOG ARCHIVE}: the source files the relay log holds; {@code ... FOR TIME '2026-12-06 15:20:00'}: the
     * file holding that time (UTC); {@code ... FOR GTID 'set'}: the smallest set of files holding the GTID set
     * ({@link ArchiveSearch}). Up to the last durable commit point.
     */
    private ResultTable binlogArchive(final TokenCursor cursor)
    {
        final List<ArchivedFile> files;
        try
        {
            if (cursor.acceptWords("FOR", "TIME"))
            {
                final Instant time = ArchiveTime.parse(cursor.string());
                cursor.expectEnd();
                files = List.of(ArchiveSearch.forTime(replica.relayLog(), replica.servableIndex(), time));
            }
            else if (cursor.acceptWords("FOR", "GTID"))
            {
                final String gtidSet = cursor.string();
                cursor.expectEnd();
                files = ArchiveSearch.forGtidSet(replica.relayLog(), replica.servableIndex(), gtidSet);
            }
            else
            {
                cursor.expectEnd();
                files = ArchiveSearch.files(replica.relayLog(), replica.servableIndex());
            }
        }
        catch (final ArchiveSearchException ex)
        {
            throw AdminErrors.archiveSearch(ex.getMessage());
        }
        final ResultTable table = new ResultTable(ArchivedFileTable.COLUMNS.stream()
            .map(name -> ArchivedFileTable.isNumber(name) ? ResultColumn.number(name) : ResultColumn.text(name))
            .toList());
        files.forEach(file -> table.add(ArchivedFileTable.row(file)));
        return table;
    }

    /** The tables SELECT ... FROM reads: the plugins, and the variables and status as MySQL's and MariaDB's schemas show them. */
    private Optional<ResultTable> table(final String schema, final String name)
    {
        final boolean informationSchema = schema.equals(INFORMATION_SCHEMA);
        if (informationSchema && name.equals("plugins"))
        {
            return Optional.of(plugins.informationSchema());
        }
        if (!informationSchema && !schema.equals(PERFORMANCE_SCHEMA))
        {
            return Optional.empty();
        }
        return switch (name)
        {
            case "global_variables", "session_variables" -> Optional.of(nameValue(variables.table()));
            case "global_status", "session_status" -> Optional.of(nameValue(status()));
            default -> Optional.empty();
        };
    }

    private static ResultTable nameValue(final ResultTable table)
    {
        final ResultTable renamed = new ResultTable(ResultColumn.text("VARIABLE_NAME"), ResultColumn.text("VARIABLE_VALUE"));
        table.rowLookups().forEach(row -> renamed.add(row.apply("VARIABLE_NAME"), row.apply("VALUE")));
        return renamed;
    }

    private Path dataDir()
    {
        return replica.config().get(Settings.DATA_DIR);
    }

    /** Stops the statements' thread. */
    @Override
    public void close()
    {
        executor.shutdownNow();
    }
}
