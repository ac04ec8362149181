package io.semisync.replica.session;

import io.semisync.protocol.handshake.ServerFlavor;
import io.semisync.replica.source.SemisyncSupport;
import io.semisync.replica.source.SourceFacts;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SessionVariablesTest
{
    private static final String REPLICA_UUID = "7d7b7e2c-0000-4000-8000-000000000001";
    private static final SourceFacts MYSQL = new SourceFacts(ServerFlavor.MYSQL, "9.7.4", 1, "3e11fa47-71ca-11e1-9e33-c80aa9429562",
        true, true, "", SemisyncSupport.ENABLED, "FULL");
    private static final SourceFacts MARIADB = new SourceFacts(ServerFlavor.MARIADB, "10.11.9", 1, "", true, true, "0-1-5",
        SemisyncSupport.ENABLED, "FULL");

    @Test
    void mysqlSetsCurrentAndOldNamesAndTheHeartbeatInNanoseconds()
    {
        final List<String> sql = SessionVariables.statements(MYSQL, Duration.ofMillis(1500), REPLICA_UUID, false, GtidState.of(false, ""));

        assertThat(sql).containsExactly(
            "SET @source_binlog_checksum = @@global.binlog_checksum, @master_binlog_checksum = @@global.binlog_checksum",
            "SET @source_heartbeat_period = 1500000000, @master_heartbeat_period = 1500000000",
            "SET @replica_uuid = '" + REPLICA_UUID + "', @slave_uuid = '" + REPLICA_UUID + "'");
    }

    @Test
    void mysqlRegistersSemisyncOnlyWhenAsked()
    {
        final List<String> sql = SessionVariables.statements(MYSQL, Duration.ofSeconds(1), REPLICA_UUID, true, GtidState.of(false, ""));

        assertThat(sql).contains("SET @rpl_semi_sync_replica = 1, @rpl_semi_sync_slave = 1");
        assertThat(sql).filteredOn(statement -> statement.contains("semi_sync")).hasSize(1);
    }

    @Test
    void mariadbAnnouncesGtidCapabilityAndItsConnectState()
    {
        final List<String> sql = SessionVariables.statements(MARIADB, Duration.ofSeconds(2), REPLICA_UUID, true,
            GtidState.of(true, "1-2-30,0-1-5"));

        assertThat(sql).contains(
            "SET @master_binlog_checksum = @@global.binlog_checksum",
            "SET @master_heartbeat_period = 2000000000",
            "SET @mariadb_slave_capability = 4",
            "SET @slave_connect_state = '0-1-5,1-2-30'",
            "SET @slave_gtid_strict_mode = 1",
            "SET @rpl_semi_sync_slave = 1");
        assertThat(sql).noneMatch(statement -> statement.contains("@source_") || statement.contains("@replica_uuid"));
    }

    @Test
    void mariadbWithoutSemisync()
    {
        final List<String> sql = SessionVariables.statements(MARIADB, Duration.ofSeconds(1), REPLICA_UUID, false, GtidState.of(true, ""));

        assertThat(sql).contains("SET @slave_connect_state = ''");
        assertThat(sql).noneMatch(statement -> statement.contains("semi_sync"));
    }

    @Test
    void mariadbResumingByPositionSendsNoGtidState()
    {
        final List<String> sql = SessionVariables.statements(MARIADB, Duration.ofSeconds(1), REPLICA_UUID, true,
            new BinlogPosition("mariadb-bin.000002", 4));

        assertThat(sql).contains("SET @mariadb_slave_capability = 4", "SET @rpl_semi_sync_slave = 1");
        assertThat(sql).noneMatch(statement -> statement.contains("@slave_connect_state") || statement.contains("@slave_gtid"));
    }
}
