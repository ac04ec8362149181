package io.semisync.it.cdc;

import io.semisync.it.kafka.CommittedRecords;
import io.semisync.it.kafka.KafkaBroker;
import io.semisync.it.kafka.KafkaBrokerExtension;
import io.semisync.it.replica.ReplicaLogs;
import io.semisync.it.replica.ReplicaProcess;
import io.semisync.it.replica.ReplicationChecks;
import io.semisync.it.replica.SourceBinlog;
import io.semisync.replica.ReplicaState;
import io.semisync.sources.Flavor;
import io.semisync.sources.SourceServer;
import io.semisync.sources.SourceServers;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rows per second from the relay log into Kafka, for benchmarks/README.md: a YCSB-shaped table (a VARCHAR key and ten
 * 100-character fields, the shape of Debezium's published streaming benchmark) filled on MySQL 9.7 with
 * {@code -Dkafka.bench.rows=N} rows (20 000 in CI) in transactions of 1000, stored by our replica; then one
 * {@code cdc --kafka-bootstrap} run publishes them all, timed, and a {@code read_committed} consumer finds each row once.
 */
@ExtendWith(KafkaBrokerExtension.class)
class KafkaSinkThroughputIT
{
    private static final int ROWS = Integer.getInteger("kafka.bench.rows", 20_000);
    private static final int ROWS_PER_TRANSACTION = 1000;
    private static final Duration TIMEOUT = Duration.ofMinutes(30);
    private static final Pattern SINK_RATE = Pattern.compile("committed (\\d+) records in \\d+ transactions in ([0-9.]+) s \\((\\d+) records/s\\)");

    @Test
    @Timeout(value = 60, unit = TimeUnit.MINUTES)
    void publishesEveryRowOnceAndReportsTheRate(final KafkaBroker broker) throws Exception
    {
        final Path logDir = ReplicaLogs.directory(KafkaSinkThroughputIT.class, Flavor.MYSQL);
        final Path dataDir = Files.createTempDirectory("kafka-bench-");
        try (SourceServer server = SourceServers.start(Flavor.MYSQL))
        {
            server.execute("SET GLOBAL binlog_row_metadata = FULL", "CREATE DATABASE ycsb", "CREATE TABLE ycsb.usertable (YCSB_KEY VARCHAR(255) "
                + "PRIMARY KEY, FIELD0 VARCHAR(100), FIELD1 VARCHAR(100), FIELD2 VARCHAR(100), FIELD3 VARCHAR(100), FIELD4 VARCHAR(100), "
                + "FIELD5 VARCHAR(100), FIELD6 VARCHAR(100), FIELD7 VARCHAR(100), FIELD8 VARCHAR(100), FIELD9 VARCHAR(100))");
            try (ReplicaProcess replica = ReplicaProcess.start("replica-bench", server.host(), server.port(), server.replicationUser(), dataDir, logDir))
            {
                replica.awaitStatus("streaming", Duration.ofSeconds(90), status -> status.state() == ReplicaState.STREAMING);
                insertRows(server);
                ReplicationChecks.awaitStored(server, dataDir, SourceBinlog.lastSequence(server), TIMEOUT, replica);
            }

            final long start = System.nanoTime();
            final CdcProcess cdc = CdcProcess.start("cdc-bench", logDir, List.of("--data-dir", dataDir.toString(),
                "--kafka-bootstrap", broker.bootstrap(), "--kafka-topic-prefix", "bench" + ROWS, "--include", "ycsb.usertable"));
            assertThat(cdc.await(TIMEOUT)).as("exit code of cdc" + cdc.logs()).isZero();
            final double seconds = (System.nanoTime() - start) / 1e9;

            final List<ConsumerRecord<String, String>> records = CommittedRecords.of(broker, "bench" + ROWS + ".ycsb.usertable");
            assertThat(records).hasSize(ROWS);
            assertThat(records.stream().map(ConsumerRecord::key).distinct().count()).isEqualTo(ROWS);
            final List<MatchResult> statusLines = SINK_RATE.matcher(cdc.stderr()).results().toList();
            assertThat(statusLines).as("the sink's status lines" + cdc.logs()).isNotEmpty();
            final MatchResult closing = statusLines.get(statusLines.size() - 1);
            assertThat(Long.parseLong(closing.group(1))).isEqualTo(ROWS);
            System.out.printf("[bench] %d rows into Kafka: %.1f s for the whole cdc process (%.0f rows/s with JVM start and connect); "
                + "the sink's own rate %s rows/s over %s s%n", ROWS, seconds, ROWS / seconds, closing.group(3), closing.group(2));
        }
    }

    private static void insertRows(final SourceServer server) throws Exception
    {
        final String field = "x".repeat(100);
        try (Connection connection = DriverManager.getConnection("jdbc:mysql://" + server.host() + ":" + server.port()
            + "/?sslMode=DISABLED&allowPublicKeyRetrieval=true", server.admin().name(), server.admin().password());
            Statement sql = connection.createStatement())
        {
            for (int first = 0; first < ROWS; first += ROWS_PER_TRANSACTION)
            {
                final StringBuilder insert = new StringBuilder("INSERT INTO ycsb.usertable VALUES ");
                for (int row = first; row < Math.min(ROWS, first + ROWS_PER_TRANSACTION); row++)
                {
                    insert.append(row == first ? "" : ",").append("('user").append(row).append('\'');
                    for (int f = 0; f < 10; f++)
                    {
                        insert.append(",'").append(field).append('\'');
                    }
                    insert.append(')');
                }
                sql.executeUpdate(insert.toString());
            }
        }
    }
}
