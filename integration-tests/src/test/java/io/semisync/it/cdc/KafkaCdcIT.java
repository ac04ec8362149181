package io.semisync.it.cdc;

import io.semisync.it.admin.AdminReplica;
import io.semisync.it.kafka.CommittedRecords;
import io.semisync.it.kafka.KafkaBroker;
import io.semisync.it.kafka.KafkaBrokerExtension;
import io.semisync.it.replica.ReplicaLogs;
import io.semisync.it.replica.ReplicationChecks;
import io.semisync.it.replica.SourceBinlog;
import io.semisync.it.replica.Waits;
import io.semisync.protocol.binlog.BinlogEventType;
import io.semisync.protocol.binlog.EventHeaderFlyweight;
import io.semisync.replica.ReplicaState;
import io.semisync.sources.Flavor;
import io.semisync.sources.SourceServer;
import io.semisync.sources.SourceServers;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code cdc --kafka-bootstrap} against real MySQL 9.7 and MariaDB 10.11 sources through our replica, into a real Kafka
 * broker (KRaft, {@link KafkaBroker}): while a write load runs, the sink is killed with SIGKILL at random moments and
 * restarted ({@code -Dkafka.kill.rounds=N}, 5 in CI), and half-way the broker itself restarts under it; at the end a
 * {@code read_committed} consumer finds every row change exactly once, in commit order per table topic, keyed by its
 * primary key, and every DDL statement once in the prefix's own topic. With one topic per database the same changes
 * arrive in one topic. One source and replica per flavor serve both tests.
 */
@ExtendWith(KafkaBrokerExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaCdcIT
{
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final int KILL_ROUNDS = Integer.getInteger("kafka.kill.rounds", 5);
    private static final PerFlavor<Setup> SETUPS = new PerFlavor<>(Setup::new);

    /** A source of its own, our replica on it, and the workload so far. */
    private static final class Setup implements AutoCloseable
    {
        final SourceServer server;
        final Path dataDir;
        final Path logDir;
        final AdminReplica replica;
        final CdcWorkload workload;
        final String prefix;
        int runs;

        Setup(final Flavor flavor) throws Exception
        {
            this.prefix = "it-" + flavor.name().toLowerCase(java.util.Locale.ROOT);
            this.logDir = ReplicaLogs.directory(KafkaCdcIT.class, flavor);
            this.dataDir = Files.createTempDirectory("kafka-cdc-it-" + flavor);
            this.server = SourceServers.start(flavor);
            server.execute("SET GLOBAL binlog_row_metadata = FULL");
            this.replica = AdminReplica.start(KafkaCdcIT.class, server, server.host(), server.port(), dataDir);
            replica.process().awaitStatus("streaming", TIMEOUT, status -> status.state() == ReplicaState.STREAMING);
            this.workload = new CdcWorkload(server, 15);
            workload.createSchema();
            workload.run(20, false);
        }

        CdcProcess cdc(final KafkaBroker broker, final String... more)
        {
            final List<String> args = new ArrayList<>(List.of("--data-dir", dataDir.toString(), "--kafka-bootstrap", broker.bootstrap()));
            args.addAll(List.of(more));
            return CdcProcess.start("cdc-kafka-" + ++runs, logDir, args);
        }

        void awaitStored()
        {
            ReplicationChecks.awaitStored(server, dataDir, workload.lastSequence(), TIMEOUT, replica.process());
        }

        /** The admin endpoint's {@code SHOW STATUS LIKE pattern}, by name. */
        Map<String, String> status(final String pattern)
        {
            final Map<String, String> values = new HashMap<>();
            try (Connection connection = DriverManager.getConnection(replica.jdbcUrl(), AdminReplica.ADMIN, AdminReplica.PASSWORD);
                Statement sql = connection.createStatement();
                ResultSet rows = sql.executeQuery("SHOW STATUS LIKE '" + pattern + "'"))
            {
                while (rows.next())
                {
                    values.put(rows.getString(1), rows.getString(2));
                }
            }
            catch (final SQLException ex)
            {
                throw new IllegalStateException("SHOW STATUS on the replica's admin endpoint failed: " + ex.getMessage(), ex);
            }
            return values;
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

    @ParameterizedTest
    @EnumSource(Flavor.class)
    @Order(1)
    @Timeout(value = 40, unit = TimeUnit.MINUTES)
    void everyChangeArrivesOnceInOrderThroughKillNineOfTheSinkAndABrokerRestart(final Flavor flavor, final KafkaBroker broker) throws Exception
    {
        final Setup setup = setup(flavor);
        final String positions = setup.prefix + "-positions";
        final Random random = new Random(11);
        final BackgroundWorkload load = BackgroundWorkload.start(setup.workload, "kafka-cdc-it-load");
        final Set<Long> commitsAtKill = new HashSet<>();
        final Throwable loadFailure;
        try
        {
            for (int round = 0; round < KILL_ROUNDS; round++)
            {
                final CdcProcess cdc = setup.cdc(broker, "--follow", "--kafka-topic-prefix", setup.prefix);
                try
                {
                    awaitLog(cdc, "publishes to");
                    awaitCommit(broker, positions, cdc);
                    if (round == 0)
                    {
                        final String sink = "Semisync_replica_kafka_" + setup.prefix.replace('-', '_') + "_cdc_";
                        Waits.until("the sink RUNNING in the replica's SHOW STATUS", TIMEOUT,
                            () -> "RUNNING".equals(setup.status(sink + "state").get(sink + "state")), cdc::logs);
                        assertThat(setup.status(sink + "transactions_behind").get(sink + "transactions_behind")).matches("(>=)?\\d+");
                    }
                    if (round == KILL_ROUNDS / 2)
                    {
                        broker.stop();
                        awaitLog(cdc, "failed (attempt 1)");
                        broker.start();
                        awaitLog(cdc, "succeeded after");
                        awaitCommit(broker, positions, cdc);
                    }
                    Thread.sleep(random.nextInt(300));
                    assertThat(cdc.isAlive()).as("cdc still running before its kill" + cdc.logs()).isTrue();
                    cdc.kill();
                }
                finally
                {
                    cdc.close();
                }
                commitsAtKill.add(endOffset(broker, positions));
            }
        }
        finally
        {
            loadFailure = load.stop();
        }
        assertThat(loadFailure).as("the background load").isNull();
        setup.awaitStored();
        final CdcProcess last = setup.cdc(broker, "--kafka-topic-prefix", setup.prefix);
        assertThat(last.await(TIMEOUT)).as("exit code of the last cdc" + last.logs()).isZero();

        final List<ExpectedChange> expected = setup.workload.expected();
        for (final String table : List.of("items", "notes"))
        {
            final List<ConsumerRecord<String, String>> records = CommittedRecords.of(broker, setup.prefix + "." + CdcWorkload.DATABASE + "." + table);
            assertThat(records.stream().map(record -> ExpectedChange.of(JsonValues.object(record.value()))).toList())
                .as("the changes of %s, each once, in commit order", table)
                .containsExactlyElementsOf(expected.stream().filter(change -> table.equals(change.table())).toList());
            assertKeyedByPrimaryKey(records);
        }
        assertThat(CommittedRecords.valuesOf(broker, setup.prefix).stream().map(value -> ExpectedChange.of(JsonValues.object(value))).toList())
            .containsExactlyElementsOf(expected.stream().filter(change -> change.op().equals("ddl")).toList());
        assertThat(commitsAtKill).as("the kills came after different commits").hasSizeGreaterThan(1);
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    @Order(2)
    void oneTopicPerDatabaseHoldsItsTablesChangesInCommitOrder(final Flavor flavor, final KafkaBroker broker) throws Exception
    {
        final Setup setup = setup(flavor);
        setup.workload.run(10, true);
        setup.awaitStored();
        final String prefix = setup.prefix + "-db";

        final CdcProcess cdc = setup.cdc(broker, "--kafka-topic-prefix", prefix, "--kafka-topic-per", "database");
        assertThat(cdc.await(TIMEOUT)).as("exit code of cdc" + cdc.logs()).isZero();

        final List<ConsumerRecord<String, String>> records = CommittedRecords.of(broker, prefix + "." + CdcWorkload.DATABASE);
        assertThat(records.stream().map(record -> ExpectedChange.of(JsonValues.object(record.value()))).toList())
            .containsExactlyElementsOf(setup.workload.expected().stream().filter(change -> !change.op().equals("ddl")).toList());
        assertKeyedByPrimaryKey(records);
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    @Order(3)
    void rawArchiveHoldsEachTransactionOnceKeyedByItsGtidThroughAKill(final Flavor flavor, final KafkaBroker broker) throws Exception
    {
        final Setup setup = setup(flavor);
        setup.awaitStored();
        final String prefix = setup.prefix + "-raw";
        final CdcProcess killed = setup.cdc(broker, "--kafka-archive", "--follow", "--kafka-topic-prefix", prefix);
        try
        {
            awaitLog(killed, "publishes to");
            awaitCommit(broker, prefix + "-positions", killed);
            killed.kill();
        }
        finally
        {
            killed.close();
        }
        setup.workload.run(5, true);
        setup.awaitStored();

        final CdcProcess cdc = setup.cdc(broker, "--kafka-archive", "--kafka-topic-prefix", prefix);
        assertThat(cdc.await(TIMEOUT)).as("exit code of cdc" + cdc.logs()).isZero();

        final List<ConsumerRecord<byte[], byte[]>> records = CommittedRecords.bytesOf(broker, prefix + "-archive");
        assertThat(records.stream().filter(record -> record.key() != null)
            .map(record -> new String(record.key(), java.nio.charset.StandardCharsets.UTF_8)).toList())
            .as("one record per transaction, in commit order")
            .containsExactlyElementsOf(setup.workload.expected().stream().map(ExpectedChange::gtid).distinct().toList());
        for (final ConsumerRecord<byte[], byte[]> record : records)
        {
            final ByteBuffer events = ByteBuffer.wrap(record.value()).order(ByteOrder.LITTLE_ENDIAN);
            int at = 0;
            int count = 0;
            while (at < events.limit())
            {
                at += events.getInt(at + EventHeaderFlyweight.EVENT_SIZE_OFFSET);
                count++;
            }
            assertThat(at).as("the events of a record fill it exactly").isEqualTo(events.limit());
            if (record.key() != null)
            {
                assertThat(events.get(EventHeaderFlyweight.TYPE_OFFSET) & 0xFF).as("a transaction starts with its GTID event")
                    .isIn(BinlogEventType.GTID, BinlogEventType.MARIADB_GTID);
                assertThat(count).isGreaterThan(1);
            }
        }
    }

    /**
     * An UPDATE that changes the primary key arrives as Debezium publishes it: a delete keyed by the old key, then a create
     * keyed by the new one, with the update's position; the topic is created with the partitions and configs asked for, a
     * later run that asks for other partitions stops with a message saying so, and the replica's admin status shows where
     * the sink stopped, nothing behind. A table without a primary key into a compacted topic stops the sink with a message.
     */
    @ParameterizedTest
    @EnumSource(Flavor.class)
    @Order(4)
    void aPrimaryKeyChangeIsTheOldKeysDeleteThenTheNewKeysCreateInATopicMadeAsAsked(final Flavor flavor, final KafkaBroker broker)
        throws Exception
    {
        final Setup setup = setup(flavor);
        setup.server.execute("CREATE DATABASE pk_it", "CREATE TABLE pk_it.t (id INT PRIMARY KEY, v VARCHAR(20))",
            "INSERT INTO pk_it.t VALUES (1, 'a'), (2, 'b')", "UPDATE pk_it.t SET id = 11 WHERE id = 1",
            "UPDATE pk_it.t SET id = id + 100", "DELETE FROM pk_it.t WHERE id = 102");
        ReplicationChecks.awaitStored(setup.server, setup.dataDir, SourceBinlog.lastSequence(setup.server), TIMEOUT, setup.replica.process());
        final String prefix = setup.prefix + "-pk";
        final String topic = prefix + ".pk_it.t";

        final CdcProcess cdc = setup.cdc(broker, "--kafka-topic-prefix", prefix, "--include", "pk_it", "--kafka-topic-partitions", "3",
            "--kafka-replication-factor", "1", "--kafka-topic-config", "retention.ms=3600000,cleanup.policy=compact,delete");
        assertThat(cdc.await(TIMEOUT)).as("exit code of cdc" + cdc.logs()).isZero();

        final Map<String, List<String>> byKey = new HashMap<>();
        final Map<String, String> positions = new HashMap<>();
        for (final ConsumerRecord<String, String> record : CommittedRecords.of(broker, topic))
        {
            final Map<String, Object> line = JsonValues.object(record.value());
            final String change = line.get("op") + ":" + id(line.get("before")) + "->" + id(line.get("after"));
            byKey.computeIfAbsent(record.key(), key -> new ArrayList<>()).add(change);
            positions.put(change, (String)line.get("position"));
        }
        assertThat(byKey).as("each key's records in order").containsOnly(
            Map.entry("{\"id\":1}", List.of("c:null->1", "d:1->null")),
            Map.entry("{\"id\":102}", List.of("c:null->102", "d:102->null")),
            Map.entry("{\"id\":11}", List.of("c:null->11", "d:11->null")),
            Map.entry("{\"id\":111}", List.of("c:null->111")),
            Map.entry("{\"id\":2}", List.of("c:null->2", "d:2->null")));
        assertThat(positions.get("d:1->null")).as("the delete and create of one update share its position").isEqualTo(positions.get("c:null->11"));
        assertThat(positions.get("d:2->null")).isEqualTo(positions.get("c:null->102")).isNotEqualTo(positions.get("d:1->null"));

        try (Admin admin = broker.admin())
        {
            assertThat(admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()).hasSize(3);
            final ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            final Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            assertThat(config.get("retention.ms").value()).isEqualTo("3600000");
            assertThat(config.get("cleanup.policy").value()).isEqualTo("compact,delete");
        }
        final String sink = "Semisync_replica_kafka_" + prefix.replace('-', '_') + "_cdc_";
        final Map<String, String> status = setup.status(sink + "%");
        final int ddlLines = CommittedRecords.of(broker, prefix).size();
        assertThat(status).containsEntry(sink + "state", "STOPPED").containsEntry(sink + "transactions_behind", "0")
            .containsEntry(sink + "records", String.valueOf(9 + ddlLines)).containsEntry(sink + "failed_attempts", "0");
        assertThat(status.get(sink + "position")).isEqualTo(positions.get("d:102->null"));

        setup.server.execute("INSERT INTO pk_it.t VALUES (3, 'c')");
        ReplicationChecks.awaitStored(setup.server, setup.dataDir, SourceBinlog.lastSequence(setup.server), TIMEOUT, setup.replica.process());
        final CdcProcess conflicting = setup.cdc(broker, "--kafka-topic-prefix", prefix, "--include", "pk_it", "--kafka-topic-partitions", "2");
        assertThat(conflicting.await(TIMEOUT)).as("exit code of cdc" + conflicting.logs()).isEqualTo(1);
        assertThat(conflicting.stderr()).contains("the topic " + topic + " exists with 3 partitions, but --kafka-topic-partitions asks for 2");

        setup.server.execute("CREATE TABLE pk_it.no_key (v INT)", "INSERT INTO pk_it.no_key VALUES (1)");
        ReplicationChecks.awaitStored(setup.server, setup.dataDir, SourceBinlog.lastSequence(setup.server), TIMEOUT, setup.replica.process());
        final CdcProcess compacted = setup.cdc(broker, "--kafka-topic-prefix", setup.prefix + "-compact", "--include", "pk_it.no_key",
            "--kafka-topic-config", "cleanup.policy=compact");
        assertThat(compacted.await(TIMEOUT)).as("exit code of cdc" + compacted.logs()).isEqualTo(1);
        assertThat(compacted.stderr()).contains("a compacted topic (cleanup.policy=compact) refuses records without a key");
    }

    private static Object id(final Object image)
    {
        return image == null ? null : ((Map<?, ?>)image).get("id");
    }

    /** Each record's key is {@code {"id":N}}, N the id of its after image, or of its before image for a delete. */
    @SuppressWarnings("unchecked")
    private static void assertKeyedByPrimaryKey(final List<ConsumerRecord<String, String>> records)
    {
        for (final ConsumerRecord<String, String> record : records)
        {
            final Map<String, Object> line = JsonValues.object(record.value());
            final Map<String, Object> image = (Map<String, Object>)(line.get("after") != null ? line.get("after") : line.get("before"));
            assertThat(JsonValues.object(record.key())).as("key of %s", record.value()).isEqualTo(Map.of("id", image.get("id")));
        }
    }

    private static void awaitLog(final CdcProcess cdc, final String text)
    {
        Waits.until("'" + text + "' in the log of cdc", TIMEOUT, () -> cdc.stderr().contains(text), cdc::logs);
    }

    /** Waits until the position topic grows; after the sink has connected, only its commits grow it. */
    private static void awaitCommit(final KafkaBroker broker, final String positions, final CdcProcess cdc)
    {
        final long before = endOffset(broker, positions);
        Waits.until("a commit of the sink", TIMEOUT, () -> endOffset(broker, positions) > before, cdc::logs);
    }

    /** The end of the position topic (records and transaction markers), -1 while it cannot be read. */
    private static long endOffset(final KafkaBroker broker, final String topic)
    {
        final TopicPartition partition = new TopicPartition(topic, 0);
        try (Admin admin = broker.admin())
        {
            return admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition).get(10, TimeUnit.SECONDS).offset();
        }
        catch (final Exception notYet)
        {
            return -1;
        }
    }
}
