package io.semisync.replica.admin;

import io.semisync.protocol.server.OkResult;
import io.semisync.protocol.server.QueryResult;
import io.semisync.protocol.server.ResultColumn;
import io.semisync.protocol.server.ServerSession;
import io.semisync.protocol.server.SqlErrorException;
import io.semisync.protocol.server.TextResultSet;
import io.semisync.protocol.tls.TlsMode;
import io.semisync.replica.Replica;
import io.semisync.replica.ReplicaState;
import io.semisync.replica.cdc.kafka.KafkaSinkStatusFiles;
import io.semisync.replica.config.ReplicaConfig;
import io.semisync.replica.config.Settings;
import io.semisync.storage.relaylog.ReaderPositions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The admin endpoint's statements against a real replica whose source does not answer (a closed port): it keeps
 * trying to connect, which is what SHOW REPLICA STATUS must show; the statements that need a live stream are proven
 * by the integration tests.
 */
class AdminStatementsTest
{
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T13:58:28Z"), ZoneOffset.UTC);

    @TempDir
    Path dataDir;

    private Replica replica;
    private AdminStatements statements;
    private final ServerSession session = new AdminTestSession();

    @BeforeEach
    void startReplica() throws IOException
    {
        final int closedPort;
        try (ServerSocket socket = new ServerSocket(0))
        {
            closedPort = socket.getLocalPort();
        }
        final ReplicaConfig config = new ReplicaConfig()
            .set(Settings.SOURCE_PORT, closedPort)
            .set(Settings.USER, "repl")
            .password("secret")
            .set(Settings.TLS_MODE, TlsMode.DISABLED)
            .set(Settings.DATA_DIR, dataDir)
            .set(Settings.RECONNECT_MAX_BACKOFF, Duration.ofMillis(200));
        replica = Replica.start(config, CLOCK);
        statements = new AdminStatements(replica, () -> 3307, false, CLOCK);
    }

    @AfterEach
    void stopReplica()
    {
        statements.close();
        replica.close();
    }

    private QueryResult run(final String sql)
    {
        return statements.execute(session, sql);
    }

    private List<List<String>> rows(final String sql)
    {
        return ((TextResultSet)run(sql)).rows();
    }

    private List<String> columns(final String sql)
    {
        return ((TextResultSet)run(sql)).columns().stream().map(ResultColumn::name).toList();
    }

    /** The one row of a result as column name to value. */
    private Map<String, String> row(final String sql)
    {
        final TextResultSet result = (TextResultSet)run(sql);
        assertThat(result.rows()).hasSize(1);
        final Map<String, String> row = new java.util.LinkedHashMap<>();
        for (int i = 0; i < result.columns().size(); i++)
        {
            row.put(result.columns().get(i).name(), result.rows().get(0).get(i));
        }
        return row;
    }

    private Map<String, String> nameValues(final String sql)
    {
        return rows(sql).stream().collect(Collectors.toMap(row -> row.get(0), row -> row.get(1)));
    }

    private static Function<Throwable, Integer> errorCode()
    {
        return failure -> ((SqlErrorException)failure).errorCode();
    }

    private void assertError(final String sql, final int code, final String message)
    {
        assertThatThrownBy(() -> run(sql)).isInstanceOf(SqlErrorException.class).hasMessageContaining(message)
            .extracting(errorCode()).isEqualTo(code);
    }

    @Test
    void theManualsInstallStepsWorkOnceAndTheInstallIsKeptInTheDataDirectory()
    {
        assertThat(run("INSTALL PLUGIN rpl_semi_sync_replica SONAME 'semisync_replica.so'")).isEqualTo(OkResult.empty());
        assertError("install plugin RPL_SEMI_SYNC_REPLICA soname 'semisync_replica.so';", 1125,
            "Function 'rpl_semi_sync_replica' already exists");
        assertThat(rows("/* mysql-connector-j */ SELECT PLUGIN_NAME, PLUGIN_STATUS FROM INFORMATION_SCHEMA.PLUGINS "
            + "WHERE PLUGIN_NAME LIKE '%semi%' ;"))
            .containsExactly(List.of("rpl_semi_sync_replica", "ACTIVE"));
        assertThat(run("INSTALL PLUGIN rpl_semi_sync_slave SONAME 'semisync_slave.so'")).isEqualTo(OkResult.empty());
        assertThat(rows("SHOW PLUGINS").stream().filter(row -> row.get(0).startsWith("rpl_semi")).toList()).containsExactly(
            List.of("rpl_semi_sync_replica", "ACTIVE", "REPLICATION", "semisync_replica.so", ""),
            List.of("rpl_semi_sync_slave", "ACTIVE", "REPLICATION", "semisync_slave.so", ""));

        final AdminStatements afterRestart = new AdminStatements(replica, () -> 3307, false, CLOCK);
        assertThatThrownBy(() -> afterRestart.execute(session, "INSTALL PLUGIN rpl_semi_sync_slave SONAME 'semisync_slave.so'"))
            .extracting(errorCode()).isEqualTo(1125);
        afterRestart.close();

        assertThat(run("UNINSTALL PLUGIN rpl_semi_sync_slave")).isEqualTo(OkResult.empty());
        assertError("UNINSTALL PLUGIN rpl_semi_sync_slave", 1305, "PLUGIN rpl_semi_sync_slave does not exist");
        assertError("INSTALL PLUGIN rpl_semi_sync_source SONAME 'semisync_source.so'", 1126, "the source plugin belongs on the source");
        assertError("INSTALL PLUGIN rpl_semi_sync_replica SONAME 'semisync_slave.so'", 1126, "semisync_replica.so");
    }

    @Test
    void theSemisyncSwitchFollowsTheConfigurationAndSetGlobalWithMysqlsRules()
    {
        assertThat(nameValues("SHOW VARIABLES LIKE 'rpl_semi_sync%'")).containsEntry("rpl_semi_sync_replica_enabled", "ON")
            .containsEntry("rpl_semi_sync_slave_enabled", "ON").containsEntry("rpl_semi_sync_replica_trace_level", "32");
        assertThat(rows("SHOW VARIABLES LIKE 'have_dynamic_loading'")).containsExactly(List.of("have_dynamic_loading", "YES"));

        assertThat(run("SET GLOBAL rpl_semi_sync_slave_enabled = 0")).isEqualTo(OkResult.empty());
        assertThat(replica.config().get(Settings.SEMISYNC)).isFalse();
        assertThat(rows("select @@rpl_semi_sync_replica_enabled, @@global.rpl_semi_sync_slave_enabled"))
            .containsExactly(List.of("0", "0"));
        assertThat(run("SET @@global.rpl_semi_sync_replica_enabled := ON")).isEqualTo(OkResult.empty());
        assertThat(replica.config().get(Settings.SEMISYNC)).isTrue();

        assertError("SET GLOBAL rpl_semi_sync_replica_enabled = 2", 1231,
            "Variable 'rpl_semi_sync_replica_enabled' can't be set to the value of '2'");
        assertError("SET rpl_semi_sync_replica_enabled = 0", 1229, "is a GLOBAL variable and should be set with SET GLOBAL");
        assertError("SET GLOBAL server_id = 7", 1238, "--server-id");
        assertError("SET GLOBAL no_such_variable = 1", 1193, "Unknown system variable 'no_such_variable'");
        assertError("SET PERSIST rpl_semi_sync_replica_enabled = 1", 1235, "configuration");
        assertThat(replica.config().get(Settings.SEMISYNC)).isTrue();
    }

    @Test
    void replicaStatusShowsEverySpellingsColumnsAndAReplicaThatCannotReachItsSource()
    {
        final List<String> replica = columns("SHOW REPLICA STATUS");
        final List<String> slave = columns("show slave status for channel ''");

        assertThat(replica).hasSize(60).startsWith("Replica_IO_State", "Source_Host", "Source_User", "Source_Port")
            .contains("Source_Log_File", "Read_Source_Log_Pos", "Replica_IO_Running", "Last_IO_Errno", "Last_IO_Error",
                "Last_IO_Error_Timestamp", "Retrieved_Gtid_Set", "Seconds_Behind_Source", "Source_Server_Id", "Source_UUID")
            .endsWith("Get_Source_public_key", "Network_Namespace");
        assertThat(slave).hasSize(60).startsWith("Slave_IO_State", "Master_Host", "Master_User", "Master_Port")
            .contains("Master_Log_File", "Read_Master_Log_Pos", "Slave_IO_Running", "Seconds_Behind_Master", "Master_Server_Id",
                "Master_UUID", "Master_TLS_Version")
            .endsWith("Get_master_public_key", "Network_Namespace");

        final Map<String, String> connecting = awaitRow("SHOW REPLICA STATUS", row -> !row.get("Last_IO_Errno").equals("0"));
        assertThat(connecting.get("Replica_IO_Running")).isEqualTo("Connecting");
        assertThat(connecting.get("Source_Host")).isEqualTo("127.0.0.1");
        assertThat(connecting.get("Last_IO_Errno")).isEqualTo("2003");
        assertThat(connecting.get("Last_IO_Error_Timestamp")).isEqualTo("261206 13:58:28");
        assertThat(connecting.get("Seconds_Behind_Source")).isNull();
        assertThat(connecting.get("Replica_SQL_Running")).isEqualTo("Yes");
        assertError("SHOW REPLICA STATUS FOR CHANNEL 'other'", 3074, "Replication channel 'other' does not exist.");
    }

    @Test
    void stopAndStartReplicaControlTheStreamAndSqlThreadFlag()
    {
        assertThat(run("STOP REPLICA IO_THREAD")).isEqualTo(OkResult.empty());
        assertThat(replica.status().state()).isEqualTo(ReplicaState.IO_STOPPED);
        final Map<String, String> stopped = row("SHOW SLAVE STATUS");
        assertThat(stopped.get("Slave_IO_Running")).isEqualTo("No");
        assertThat(stopped.get("Slave_IO_State")).isEmpty();
        assertThat(stopped.get("Slave_SQL_Running")).isEqualTo("Yes");

        assertThat(run("STOP SLAVE SQL_THREAD")).isEqualTo(OkResult.empty());
        assertThat(row("SHOW REPLICA STATUS").get("Replica_SQL_Running")).isEqualTo("No");

        assertThat(run("START SLAVE IO_THREAD, SQL_THREAD FOR CHANNEL ''")).isEqualTo(OkResult.empty());
        final Map<String, String> started = awaitRow("SHOW REPLICA STATUS", row -> row.get("Replica_IO_Running").equals("Connecting"));
        assertThat(started.get("Replica_SQL_Running")).isEqualTo("Yes");
        assertThat(run("START REPLICA")).isEqualTo(OkResult.empty());
        assertError("START REPLICA UNTIL SOURCE_LOG_POS = 4", 1235, "START REPLICA UNTIL");
    }

    @Test
    void aLimitBeyondLongIsAllRowsAndOneBeyondUnsigned64BitsOrAFractionIsASyntaxError()
    {
        assertThat(rows("select @@version_comment limit 18446744073709551615")).containsExactly(List.of("semisync-replica"));
        assertError("select @@version_comment limit 999999999999999999999999999999999999999999999999991", 1064,
            "near '9999999999");
        assertError("select @@version_comment limit 1.5", 1064, "near '1.5'");
    }

    @Test
    void whatClientsAndConnectorsSendOnConnectIsAnswered()
    {
        assertThat(rows("select @@version_comment limit 1")).containsExactly(List.of("semisync-replica"));
        final Map<String, String> connectorJ = row("/* mysql-connector-j-9.7.0 (Revision: 0aade1f) */SELECT  "
            + "@@session.auto_increment_increment AS auto_increment_increment, @@character_set_client AS character_set_client, "
            + "@@character_set_connection AS character_set_connection, @@character_set_results AS character_set_results, "
            + "@@character_set_server AS character_set_server, @@collation_server AS collation_server, "
            + "@@collation_connection AS collation_connection, @@init_connect AS init_connect, "
            + "@@interactive_timeout AS interactive_timeout, @@license AS license, @@lower_case_table_names AS lower_case_table_names, "
            + "@@max_allowed_packet AS max_allowed_packet, @@net_write_timeout AS net_write_timeout, "
            + "@@performance_schema AS performance_schema, @@sql_mode AS sql_mode, @@system_time_zone AS system_time_zone, "
            + "@@time_zone AS time_zone, @@transaction_isolation AS transaction_isolation, @@wait_timeout AS wait_timeout");
        assertThat(connectorJ).hasSize(19).containsEntry("auto_increment_increment", "1").containsEntry("character_set_client", "utf8mb4")
            .containsEntry("max_allowed_packet", "67108864").containsEntry("performance_schema", "0")
            .containsEntry("transaction_isolation", "REPEATABLE-READ");
        assertThat(run("SET character_set_results = NULL")).isEqualTo(OkResult.empty());
        assertThat(run("SET autocommit=1")).isEqualTo(OkResult.empty());
        assertThat(run("SET NAMES utf8mb4 COLLATE utf8mb4_0900_ai_ci")).isEqualTo(OkResult.empty());
        assertThat(run("/*!40101 SET character_set_client = utf8mb4 */;")).isEqualTo(OkResult.empty());
        assertThat(run("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED")).isEqualTo(OkResult.empty());
        assertThat(row("SELECT @@version, @@server_id, @@version_comment, VERSION(), DATABASE(), CONNECTION_ID(), USER()"))
            .containsEntry("@@version", "8.4.0-semisync-replica").containsEntry("@@server_id", "4242").containsEntry("DATABASE()", null)
            .containsEntry("CONNECTION_ID()", "42").containsEntry("USER()", "admin@127.0.0.1");
        assertThat(rows("SHOW WARNINGS")).isEmpty();
    }

    @Test
    void statusVariablesCarryTheSemisyncStatusAndOurCounters()
    {
        assertThat(nameValues("SHOW STATUS LIKE 'Rpl_semi_sync%'"))
            .containsExactly(Map.entry("Rpl_semi_sync_replica_status", "OFF"), Map.entry("Rpl_semi_sync_slave_status", "OFF"));
        assertThat(nameValues("SHOW GLOBAL STATUS WHERE Variable_name LIKE 'Semisync_replica_%' AND Variable_name <> 'Semisync_replica_state'"))
            .containsKeys("Semisync_replica_acks_sent", "Semisync_replica_ack_syncs", "Semisync_replica_ack_journal_writes",
                "Semisync_replica_events_stored",
                "Semisync_replica_event_bytes_stored", "Semisync_replica_reconnects", "Semisync_replica_transactions_acknowledged")
            .doesNotContainKey("Semisync_replica_state");
        assertThat(nameValues("SHOW STATUS LIKE 'Semisync_replica_chain%'")).as("no chained ACKs without --upstream-ack-waits-for")
            .containsOnly(Map.entry("Semisync_replica_chain_reached", ""), Map.entry("Semisync_replica_chain_status", "OFF"),
                Map.entry("Semisync_replica_chain_timeouts", "0"), Map.entry("Semisync_replica_chain_waits_for", "0"));
        assertThat(rows("SELECT VARIABLE_VALUE FROM performance_schema.global_status WHERE VARIABLE_NAME = 'Uptime'"))
            .containsExactly(List.of("0"));
        assertThat(columns("SHOW RELAYLOG FILES")).containsExactly("Log_name", "File_size", "Encrypted");
    }

    @Test
    void showRelaylogReadersListsTheRegisteredReadersAndDropRelaylogReaderUnregistersOne()
    {
        replica.relayLog().readers().register("cdc:file:/tmp/orders.jsonl", ReaderPositions.FROM_OLDEST);
        replica.relayLog().readers().register("serve:3e11fa47-71ca-11e1-9e33-c80aa9429562", ReaderPositions.FROM_OLDEST).detach();

        assertThat(columns("SHOW RELAYLOG READERS")).containsExactly("Reader", "Needed_index", "Needed_file", "Files_behind", "Attached",
            "Last_seen", "Fell_behind");
        assertThat(rows("SHOW RELAYLOG READERS")).extracting(row -> List.of(row.get(0), row.get(1), row.get(4), row.get(6)))
            .containsExactly(List.of("cdc:file:/tmp/orders.jsonl", "-1", "Yes", ""),
                List.of("serve:3e11fa47-71ca-11e1-9e33-c80aa9429562", "-1", "No", ""));
        assertThat(rows("SHOW RELAYLOG READERS WHERE Reader LIKE 'serve:%'")).hasSize(1);

        assertThat(run("DROP RELAYLOG READER 'cdc:file:/tmp/orders.jsonl'")).isInstanceOf(OkResult.class);
        assertThat(rows("SHOW RELAYLOG READERS")).extracting(row -> row.get(0)).containsExactly("serve:3e11fa47-71ca-11e1-9e33-c80aa9429562");
        assertError("DROP RELAYLOG READER 'cdc:file:/tmp/orders.jsonl'", 1305, "no reader 'cdc:file:/tmp/orders.jsonl' is registered");
    }

    @Test
    void statusVariablesShowEachKafkaSinkFromItsStatusFile() throws IOException
    {
        assertThat(nameValues("SHOW STATUS LIKE 'Semisync_replica_kafka%'")).as("no sink yet").isEmpty();
        final Path file = KafkaSinkStatusFiles.fileOf(dataDir, "shop-cdc");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "transactional_id=semisync-cdc-shop-0011\nrunning=true\nposition=2143399134101505:2\nrecords=90\n"
            + "transactions_behind=12\nbehind_exact=true\nms_behind_source=1500\nfailed_attempts=1\nupdated=2026-12-06T13:58:00Z\n");

        assertThat(nameValues("SHOW STATUS LIKE 'Semisync_replica_kafka%'")).containsOnly(
            Map.entry("Semisync_replica_kafka_shop_cdc_failed_attempts", "1"),
            Map.entry("Semisync_replica_kafka_shop_cdc_ms_behind_source", "1500"),
            Map.entry("Semisync_replica_kafka_shop_cdc_position", "2143399134101505:2"),
            Map.entry("Semisync_replica_kafka_shop_cdc_records", "90"),
            Map.entry("Semisync_replica_kafka_shop_cdc_state", "RUNNING"),
            Map.entry("Semisync_replica_kafka_shop_cdc_transactions_behind", "12"),
            Map.entry("Semisync_replica_kafka_shop_cdc_updated", "2026-12-06T13:58:00Z"));
        Files.writeString(file, Files.readString(file).replace("updated=2026-12-06T13:58:00Z", "updated=2026-12-06T13:57:57Z"));
        assertThat(nameValues("SHOW STATUS LIKE 'Semisync_replica_kafka_shop_cdc_state'")).as("no news for over 30 s")
            .containsOnly(Map.entry("Semisync_replica_kafka_shop_cdc_state", "SILENT"));
    }

    @Test
    void anythingElseIsAnErrorThatNamesTheStatement()
    {
        assertError("DROP TABLE mysql.user", 1235, "semisync-replica does not support 'DROP TABLE mysql.user'");
        assertError("SHOW PROCESSLIST", 1235, "'SHOW PROCESSLIST'");
        assertError("SHOW BINARY LOGS", 1381, "SHOW RELAYLOG FILES");
        assertError("SELECT FROM", 1064, "near 'FROM'");
        assertError("select $$", 1064, "near '$$'");
        assertError("SELECT 'unterminated", 1064, "near ''unterminated'");
        assertError("SELECT * FROM mysql.user", 1146, "Table 'mysql.user' doesn't exist");
        assertError("SELECT nothing FROM information_schema.plugins", 1054, "Unknown column 'nothing'");
        assertError(" ; ", 1065, "Query was empty");
        assertThat(statements.useSchema(session, "INFORMATION_SCHEMA").toCompletableFuture()).isCompleted();
        assertThat(statements.useSchema(session, "mysql").toCompletableFuture()).isCompletedExceptionally();
    }

    private Map<String, String> awaitRow(final String sql, final java.util.function.Predicate<Map<String, String>> condition)
    {
        final long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Map<String, String> row = row(sql);
        while (!condition.test(row))
        {
            assertThat(System.nanoTime()).as("waiting for %s to show %s", sql, row).isLessThan(deadline);
            Thread.onSpinWait();
            row = row(sql);
        }
        return row;
    }
}
