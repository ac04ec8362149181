package io.semisync.it.admin;

import io.semisync.it.Source;
import io.semisync.it.SourceServerExtension;
import io.semisync.it.replica.ReplicationChecks;
import io.semisync.it.replica.SourceBinlog;
import io.semisync.it.replica.SourceLoad;
import io.semisync.it.replica.TcpProxy;
import io.semisync.it.replica.Waits;
import io.semisync.protocol.binlog.GtidSet;
import io.semisync.sources.Flavor;
import io.semisync.sources.SourceServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SHOW REPLICA STATUS, SHOW STATUS and the metrics, read with mysql-connector-j and over HTTP, follow a live stream from
 * a real MySQL 9.7 source and a connection cut and refused by a proxy: the position and GTIDs the source wrote, its
 * server id and UUID, the I/O thread Yes, then Connecting with the error and its time, then Yes again.
 */
@ExtendWith(SourceServerExtension.class)
class ReplicaStatusIT
{
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int TRANSACTIONS = 200;

    @Test
    void statusAndMetricsFollowALiveStreamAndACutConnection(@Source(Flavor.MYSQL) final SourceServer server, @TempDir final Path dataDir)
        throws SQLException
    {
        SourceLoad.createTable(server);
        try (TcpProxy proxy = TcpProxy.start(server.host(), server.port());
            AdminReplica replica = AdminReplica.start(ReplicaStatusIT.class, server, proxy.host(), proxy.port(), dataDir);
            Connection admin = DriverManager.getConnection(replica.jdbcUrl(), AdminReplica.ADMIN, AdminReplica.PASSWORD))
        {
            ReplicationChecks.awaitSemisyncConnected(replica.process(), server, TIMEOUT);
            final PrometheusText before = PrometheusText.scrape(replica.metricsUrl());
            try (SourceLoad load = SourceLoad.start(server, 2, TRANSACTIONS, 1, false))
            {
                assertThat(load.await(TIMEOUT)).isEqualTo(TRANSACTIONS);
            }
            ReplicationChecks.awaitStored(server, dataDir, SourceBinlog.lastSequence(server), TIMEOUT, replica.process());

            final List<String> binlog = server.query("SHOW BINARY LOG STATUS").get(0);
            final Map<String, String> streaming = awaitStatus(admin, "the source's last position",
                row -> binlog.get(1).equals(row.get("Read_Source_Log_Pos")));
            assertThat(streaming).containsEntry("Replica_IO_Running", "Yes").containsEntry("Replica_IO_State", "Waiting for source to send event")
                .containsEntry("Source_Host", proxy.host()).containsEntry("Source_Port", String.valueOf(proxy.port()))
                .containsEntry("Source_User", server.replicationUser().name()).containsEntry("Source_Log_File", binlog.get(0))
                .containsEntry("Source_Server_Id", String.valueOf(server.serverId()))
                .containsEntry("Source_UUID", server.queryValue("SELECT @@global.server_uuid"))
                .containsEntry("Last_IO_Errno", "0").containsEntry("Auto_Position", "1");
            assertThat(GtidSet.parse(streaming.get("Retrieved_Gtid_Set")).toString())
                .isEqualTo(GtidSet.parse(server.queryValue("SELECT @@global.gtid_executed").replaceAll("\\s", "")).toString());
            assertThat(Long.parseLong(streaming.get("Seconds_Behind_Source"))).isBetween(0L, 5L);
            assertThat(status(admin, "SHOW STATUS LIKE 'Rpl_semi_sync_replica_status'")).containsEntry("Rpl_semi_sync_replica_status", "ON");

            final PrometheusText after = PrometheusText.scrape(replica.metricsUrl());
            assertThat(after.value("semisync_replica_events_total") - before.value("semisync_replica_events_total"))
                .isGreaterThanOrEqualTo(TRANSACTIONS * 4);
            assertThat(after.value("semisync_replica_event_bytes_total")).isGreaterThan(before.value("semisync_replica_event_bytes_total"));
            assertThat(after.value("semisync_replica_transactions_acknowledged_total")).isGreaterThanOrEqualTo(TRANSACTIONS);
            assertThat(after.value("semisync_replica_acks_total")).isGreaterThan(before.value("semisync_replica_acks_total"));
            final double acks = after.value("semisync_replica_acks_total") - before.value("semisync_replica_acks_total");
            assertThat(after.value("semisync_replica_ack_journal_writes_total") - before.value("semisync_replica_ack_journal_writes_total"))
                .as("the load's ACKs were made durable by writes of the ACK journal (but the first, which starts it)")
                .isBetween(acks - 1, acks);
            assertThat(after.value("semisync_replica_ack_latency_seconds_count") - before.value("semisync_replica_ack_latency_seconds_count"))
                .as("one per transaction of the load, each waited for by the source (what a background sync covered before the "
                    + "source waited is not timed)")
                .isGreaterThanOrEqualTo(TRANSACTIONS);
            assertThat(after.value("semisync_replica_ack_latency_seconds_count"))
                .isLessThanOrEqualTo(after.value("semisync_replica_transactions_acknowledged_total"));
            assertThat(after.value("semisync_replica_ack_latency_seconds_bucket{le=\"+Inf\"}"))
                .isEqualTo(after.value("semisync_replica_ack_latency_seconds_count"));
            assertThat(after.value("semisync_replica_sync_latency_seconds_count"))
                .isEqualTo(after.value("semisync_replica_ack_latency_seconds_count"));
            assertThat(after.value("semisync_replica_semisync_active")).isEqualTo(1);
            assertThat(after.value("semisync_replica_streaming")).isEqualTo(1);
            assertThat(after.value("semisync_replica_seconds_behind_source")).isBetween(0.0, 5.0);
            assertThat(after.value("semisync_replica_reconnects_total")).isZero();

            proxy.refuseConnections(true);
            assertThat(proxy.cutConnections()).isEqualTo(1);
            final Map<String, String> cut = awaitStatus(admin, "a cut connection", row -> "Connecting".equals(row.get("Replica_IO_Running"))
                && !"0".equals(row.get("Last_IO_Errno")));
            assertThat(cut.get("Last_IO_Errno")).isIn("2003", "2013");
            assertThat(cut.get("Last_IO_Error")).isNotEmpty();
            assertThat(cut.get("Last_IO_Error_Timestamp")).matches("\\d{6} \\d\\d:\\d\\d:\\d\\d");
            assertThat(cut.get("Seconds_Behind_Source")).isNull();
            assertThat(cut.get("Replica_IO_State")).isIn("Connecting to source", "Waiting to reconnect after a failed source event read");
            final PrometheusText disconnected = PrometheusText.scrape(replica.metricsUrl());
            assertThat(disconnected.value("semisync_replica_streaming")).isZero();
            assertThat(disconnected.value("semisync_replica_semisync_active")).isZero();
            assertThat(disconnected.has("semisync_replica_seconds_behind_source")).isFalse();

            proxy.refuseConnections(false);
            final Map<String, String> back = awaitStatus(admin, "the stream back", row -> "Yes".equals(row.get("Replica_IO_Running")));
            assertThat(back.get("Last_IO_Error_Timestamp")).as("the last error stays for the operator").isEqualTo(cut.get("Last_IO_Error_Timestamp"));
            Waits.until("a reconnect in the metrics", TIMEOUT,
                () -> PrometheusText.scrape(replica.metricsUrl()).value("semisync_replica_reconnects_total") >= 1, replica.process()::logTail);
            assertThat(status(admin, "SHOW GLOBAL STATUS WHERE Variable_name = 'Semisync_replica_reconnects'"))
                .hasEntrySatisfying("Semisync_replica_reconnects", value -> assertThat(Long.parseLong(value)).isPositive());
            replica.stop();
        }
    }

    private static Map<String, String> awaitStatus(final Connection admin, final String what, final Predicate<Map<String, String>> condition)
    {
        final AtomicReference<Map<String, String>> row = new AtomicReference<>();
        Waits.until(what + " in SHOW REPLICA STATUS", TIMEOUT, () ->
        {
            row.set(replicaStatus(admin));
            return condition.test(row.get());
        }, () -> String.valueOf(row.get()));
        return row.get();
    }

    private static Map<String, String> replicaStatus(final Connection admin)
    {
        try (Statement statement = admin.createStatement(); ResultSet result = statement.executeQuery("SHOW REPLICA STATUS"))
        {
            assertThat(result.next()).isTrue();
            final ResultSetMetaData meta = result.getMetaData();
            final Map<String, String> row = new LinkedHashMap<>();
            for (int i = 1; i <= meta.getColumnCount(); i++)
            {
                row.put(meta.getColumnLabel(i), result.getString(i));
            }
            assertThat(result.next()).isFalse();
            return row;
        }
        catch (final SQLException ex)
        {
            throw new AssertionError("SHOW REPLICA STATUS failed: " + ex.getMessage(), ex);
        }
    }

    private static Map<String, String> status(final Connection admin, final String sql) throws SQLException
    {
        final Map<String, String> values = new LinkedHashMap<>();
        try (Statement statement = admin.createStatement(); ResultSet result = statement.executeQuery(sql))
        {
            while (result.next())
            {
                values.put(result.getString(1), result.getString(2));
            }
        }
        return values;
    }
}
