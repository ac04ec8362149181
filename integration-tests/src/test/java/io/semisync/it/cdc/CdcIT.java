package io.semisync.it.cdc;

import io.semisync.it.replica.ReplicaProcess;
import io.semisync.it.replica.ReplicationChecks;
import io.semisync.it.replica.ReplicaLogs;
import io.semisync.it.replica.SourceBinlog;
import io.semisync.it.replica.Waits;
import io.semisync.protocol.binlog.BinlogEventType;
import io.semisync.protocol.binlog.compression.MariadbEventUncompressor;
import io.semisync.replica.DataDirectory;
import io.semisync.replica.ReplicaState;
import io.semisync.sources.Flavor;
import io.semisync.sources.SourceServer;
import io.semisync.sources.SourceServers;
import io.semisync.storage.relaylog.RelayLog;
import io.semisync.storage.relaylog.RelayLogConfig;
import io.semisync.storage.relaylog.RelayLogReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code cdc} command against real MySQL 9.7 and MariaDB 10.11 sources through our replica: a seeded write load of
 * inserts, updates and deletes over two tables (a DDL statement in the middle, the second half with the source's
 * transaction compression on) comes out as one line per change, in commit order, with the right op, before, after and
 * GTID; filters keep what they name; a file output survives kill -9 at random moments, restarted each time, without a
 * line lost or doubled ({@code -Dcdc.kill.rounds=N} for a longer run than CI's 5); {@code --follow} prints rows written
 * after it started; with {@code binlog_row_metadata=MINIMAL} columns are named from the source's information_schema or by
 * position, and the replica warns at start about MINIMAL. One source and replica per flavor serve every test of the
 * class, in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CdcIT
{
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final int KILL_ROUNDS = Integer.getInteger("cdc.kill.rounds", 5);
    private static final String PASSWORD_VARIABLE = "CDC_IT_SOURCE_PASSWORD";
    private static final PerFlavor<Setup> SETUPS = new PerFlavor<>(Setup::new, setup ->
    {
        setup.workload.createSchema();
        setup.workload.run(40, false);
        setup.workload.addColumn();
        setup.workload.run(40, true);
        setup.awaitStored();
    });

    /** The replicas' data directories and the outputs, removed after the class. */
    @TempDir
    static Path work;

    /** A source of its own (its GTIDs are the workload's alone), our replica on it, and the workload so far. */
    private static final class Setup implements AutoCloseable
    {
        final Flavor flavor;
        final SourceServer server;
        final Path workDir;
        final Path dataDir;
        final Path logDir;
        final ReplicaProcess replica;
        final CdcWorkload workload;
        int runs;

        Setup(final Flavor flavor) throws Exception
        {
            this.flavor = flavor;
            this.logDir = ReplicaLogs.directory(CdcIT.class, flavor);
            this.workDir = Files.createDirectories(work.resolve(flavor.name()));
            this.dataDir = workDir.resolve("data");
            this.server = SourceServers.start(flavor);
            this.replica = ReplicaProcess.start("replica-" + flavor, server.host(), server.port(), server.replicationUser(), dataDir, logDir);
            replica.awaitStatus("streaming", TIMEOUT, status -> status.state() == ReplicaState.STREAMING);
            // the source's default (MySQL: MINIMAL, MariaDB: NO_LOG) gets a warning at start; the load then runs with FULL
            assertThat(replica.stderr()).contains("the source's binlog_row_metadata is " + (flavor == Flavor.MYSQL ? "MINIMAL" : "NO_LOG"),
                "SET GLOBAL binlog_row_metadata=FULL");
            server.execute("SET GLOBAL binlog_row_metadata = FULL");
            this.workload = new CdcWorkload(server, 42);
        }

        void awaitStored()
        {
            ReplicationChecks.awaitStored(server, dataDir, workload.lastSequence(), TIMEOUT, replica);
        }

        List<String> args(final String... more)
        {
            final List<String> args = new ArrayList<>(List.of("--data-dir", dataDir.toString()));
            args.addAll(List.of(more));
            return args;
        }

        /** Runs {@code cdc} to its end and returns its lines. */
        List<String> cdc(final String... more) throws InterruptedException
        {
            final CdcProcess cdc = CdcProcess.start("cdc-" + ++runs, logDir, args(more));
            assertThat(cdc.await(TIMEOUT)).as("exit code of cdc %s%s", List.of(more), cdc.logs()).isZero();
            return cdc.stdout().lines().toList();
        }

        /** Runs {@code cdc} naming columns from the source's information_schema, logged in as its administrator. */
        List<String> cdcWithSource(final String... more) throws InterruptedException
        {
            final List<String> args = args("--cdc-source-columns", "--source-host", server.host(), "--source-port",
                Integer.toString(server.port()), "--user", server.admin().name(), "--password-env", PASSWORD_VARIABLE,
                "--tls-mode", "DISABLED", "--allow-public-key-retrieval");
            args.addAll(List.of(more));
            final CdcProcess cdc = CdcProcess.start("cdc-" + ++runs, logDir, args, Map.of(PASSWORD_VARIABLE, server.admin().password()));
            assertThat(cdc.await(TIMEOUT)).as("exit code of cdc %s%s", args, cdc.logs()).isZero();
            return cdc.stdout().lines().toList();
        }

        @Override
        public void close() throws SQLException
        {
            workload.close();
            replica.close();
            server.close();
        }
    }

    private static Setup setup(final Flavor flavor) throws Exception
    {
        return SETUPS.get(flavor);
    }

    @AfterAll
    static void stopAll() throws Exception
    {
        SETUPS.closeAll();
    }

    private static List<ExpectedChange> changes(final List<String> lines)
    {
        return lines.stream().map(line -> ExpectedChange.of(JsonValues.object(line))).toList();
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    @Order(1)
    void everyChangeComesOutOnceInCommitOrderWithCompressedTransactionsToo(final Flavor flavor) throws Exception
    {
        final Setup setup = setup(flavor);

        final List<String> lines = setup.cdc();

        assertThat(changes(lines)).containsExactlyElementsOf(setup.workload.expected());
        assertIncreasingPositions(lines);
        final Map<String, Object> first = JsonValues.object(lines.get(3));
        assertThat(first).containsKeys("position", "op", "before", "after", "source", "transaction");
        assertThat(sourceOf(first)).containsEntry("flavor", flavor == Flavor.MYSQL ? "mysql" : "mariadb")
            .containsEntry("server_id", setup.server.serverId()).containsKeys("file", "pos", "ts_ms");
        assertThat(String.valueOf(sourceOf(first).get("query"))).as("the statement from ROWS_QUERY (MySQL) or ANNOTATE_ROWS (MariaDB)")
            .containsPattern("(?is)^\\s*(INSERT|UPDATE|DELETE)\\b");
        assertThat(storedTypes(setup.dataDir)).as("the source compressed the second half")
            .containsAnyOf(BinlogEventType.TRANSACTION_PAYLOAD, MariadbEventUncompressor.WRITE_ROWS_COMPRESSED_V1,
                MariadbEventUncompressor.UPDATE_ROWS_COMPRESSED_V1, MariadbEventUncompressor.DELETE_ROWS_COMPRESSED_V1);
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    @Order(2)
    void filtersKeepWhatTheyName(final Flavor flavor) throws Exception
    {
        final Setup setup = setup(flavor);

        assertThat(changes(setup.cdc("--include", CdcWorkload.DATABASE + ".items")))
            .containsExactlyElementsOf(setup.workload.expected().stream()
                .filter(change -> "items".equals(change.table()) || change.op().equals("ddl") && change.database().equals(CdcWorkload.DATABASE))
                .toList());
        assertThat(changes(setup.cdc("--exclude", "*.items,other_db")))
            .containsExactlyElementsOf(setup.workload.expected().stream().filter(change -> !"items".equals(change.table())).toList());
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    @Order(3)
    void followPrintsRowsWrittenAfterItStarted(final Flavor flavor) throws Exception
    {
        final Setup setup = setup(flavor);
        final Path output = setup.workDir.resolve("follow.jsonl");
        try (CdcProcess cdc = CdcProcess.start("cdc-follow", setup.logDir, setup.args("--follow", "--output", output.toString())))
        {
            awaitLines(output, setup.workload.expected().size(), cdc);
            setup.workload.run(5, false);
            awaitLines(output, setup.workload.expected().size(), cdc);

            assertThat(changes(Files.readAllLines(output))).containsExactlyElementsOf(setup.workload.expected());
            assertThat(cdc.stop(TIMEOUT)).as("exit after SIGTERM" + cdc.logs()).isIn(0, 143);
        }
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    @Order(4)
    void fileOutputLosesAndDoublesNothingAcrossKillNine(final Flavor flavor) throws Exception
    {
        final Setup setup = setup(flavor);
        final Path output = setup.workDir.resolve("killed.jsonl");
        final Random random = new Random(7);
        final BackgroundWorkload load = BackgroundWorkload.start(setup.workload, "cdc-it-load");
        final Set<Long> sizesAtKill = new HashSet<>();
        final Throwable loadFailure;
        try
        {
            for (int round = 0; round < KILL_ROUNDS; round++)
            {
                final long sizeBefore = Files.exists(output) ? Files.size(output) : 0;
                final CdcProcess cdc = CdcProcess.start("cdc-killed-" + round, setup.logDir, setup.args("--follow", "--output", output.toString()));
                // once it writes (the JVM has started and caught up), a kill at a random moment while the load goes on
                Waits.until("cdc writing", TIMEOUT, () -> fileSize(output) > sizeBefore, cdc::logs);
                Thread.sleep(random.nextInt(300));
                assertThat(cdc.isAlive()).as("cdc still running before its kill" + cdc.logs()).isTrue();
                cdc.kill();
                sizesAtKill.add(Files.exists(output) ? Files.size(output) : 0);
            }
        }
        finally
        {
            loadFailure = load.stop();
        }
        assertThat(loadFailure).as("the background load").isNull();
        setup.awaitStored();
        setup.cdc("--output", output.toString());

        final List<String> lines = Files.readAllLines(output);
        assertThat(changes(lines)).containsExactlyElementsOf(setup.workload.expected());
        assertIncreasingPositions(lines);
        assertThat(sizesAtKill).as("the kills hit the output at different lengths").hasSizeGreaterThan(1);
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    @Order(5)
    void minimalMetadataNamesColumnsFromTheSourceOrByPosition(final Flavor flavor) throws Exception
    {
        final Setup setup = setup(flavor);
        setup.server.execute("SET GLOBAL binlog_row_metadata = MINIMAL",
            "CREATE DATABASE cdc_min",
            "CREATE TABLE cdc_min.t (id INT PRIMARY KEY, label VARCHAR(10), state ENUM('new','done') NOT NULL)",
            "INSERT INTO cdc_min.t VALUES (1, 'one', 'new'), (2, 'two', 'new')",
            "UPDATE cdc_min.t SET state = 'done' WHERE id = 2",
            "DELETE FROM cdc_min.t WHERE id = 1",
            "SET GLOBAL binlog_row_metadata = FULL");
        ReplicationChecks.awaitStored(setup.server, setup.dataDir, SourceBinlog.lastSequence(setup.server),
            TIMEOUT, setup.replica);

        final List<Map<String, Object>> named = setup.cdcWithSource("--include", "cdc_min.t").stream()
            .map(JsonValues::object).filter(line -> line.containsKey("op")).toList();
        final List<Map<String, Object>> positional = setup.cdc("--include", "cdc_min.t").stream()
            .map(JsonValues::object).filter(line -> line.containsKey("op")).toList();

        assertThat(named).extracting(line -> line.get("op")).containsExactly("c", "c", "u", "d");
        assertThat(named.get(2).get("before")).isEqualTo(Map.of("id", 2L, "label", "two", "state", "new"));
        assertThat(named.get(2).get("after")).isEqualTo(Map.of("id", 2L, "label", "two", "state", "done"));
        assertThat(positional).extracting(line -> line.get("op")).containsExactly("c", "c", "u", "d");
        assertThat(List.copyOf(((Map<?, ?>)positional.get(0).get("after")).keySet())).isEqualTo(List.of("col_1", "col_2", "col_3"));
    }

    private static Map<String, Object> sourceOf(final Map<String, Object> line)
    {
        @SuppressWarnings("unchecked")
        final Map<String, Object> source = (Map<String, Object>)line.get("source");
        return source;
    }

    private static void assertIncreasingPositions(final List<String> lines)
    {
        long lastIndex = -1;
        long lastChange = 0;
        for (final String line : lines)
        {
            final String[] position = ((String)JsonValues.object(line).get("position")).split(":");
            final long index = Long.parseLong(position[0]);
            final long change = Long.parseLong(position[1]);
            assertThat(index > lastIndex || index == lastIndex && change > lastChange)
                .as("position %s:%s after %s:%s", index, change, lastIndex, lastChange).isTrue();
            lastIndex = index;
            lastChange = change;
        }
    }

    private static void awaitLines(final Path output, final int count, final CdcProcess cdc)
    {
        Waits.until(count + " lines in " + output, TIMEOUT, () -> lineCount(output) >= count,
            () -> lineCount(output) + " lines" + cdc.logs());
    }

    private static long fileSize(final Path output)
    {
        return contents(output).length;
    }

    private static long lineCount(final Path output)
    {
        final byte[] bytes = contents(output);
        long lines = 0;
        for (final byte b : bytes)
        {
            lines += b == '\n' ? 1 : 0;
        }
        return lines;
    }

    private static byte[] contents(final Path output)
    {
        try
        {
            return Files.exists(output) ? Files.readAllBytes(output) : new byte[0];
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static Set<Integer> storedTypes(final Path dataDir)
    {
        final Set<Integer> types = new HashSet<>();
        try (RelayLog relayLog = RelayLog.open(new RelayLogConfig().directory(DataDirectory.relayLogOf(dataDir)).readOnly(true).validate());
            RelayLogReader reader = relayLog.openReader())
        {
            while (reader.poll(record -> types.add(record.eventType()), 1024) > 0)
            {
                // all records
            }
        }
        return types;
    }
}
