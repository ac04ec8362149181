package io.semisync.it.admin;

import io.semisync.it.Source;
import io.semisync.it.SourceServerExtension;
import io.semisync.it.replica.ReplicationChecks;
import io.semisync.it.replica.SourceBinlog;
import io.semisync.it.replica.SourceLoad;
import io.semisync.it.replica.Waits;
import io.semisync.sources.Flavor;
import io.semisync.sources.SourceServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MySQL manual's "Semisynchronous Replication Installation and Configuration" steps, run on our replica's admin
 * endpoint with the real clients as a DBA runs them: INSTALL PLUGIN (once; twice is MySQL's error), verify in PLUGINS,
 * SET GLOBAL ..._enabled = 0, which changes nothing until STOP/START of the I/O thread, after which the source counts
 * no semisync replica and replication goes on asynchronously; = 1 and a restart bring semisync back. The MySQL 9.7
 * source is driven with the mysql 9.7 client in the manual's REPLICA spelling, the MariaDB 10.11 source with the
 * mariadb client in the SLAVE spelling, as that server's own manual writes it.
 */
@ExtendWith(SourceServerExtension.class)
class SemisyncSetupIT
{
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int TRANSACTIONS = 100;

    @Test
    void theManualsStepsWithTheMysqlClientSwitchTheMysqlSourcesSemisyncOffAndOn(@Source(Flavor.MYSQL) final SourceServer server,
        @TempDir final Path dataDir)
    {
        try (AdminReplica replica = AdminReplica.start(SemisyncSetupIT.class, server, server.host(), server.port(), dataDir))
        {
            final CommandLineClient mysql = CommandLineClient.mysql(replica.admin(), AdminReplica.ADMIN, AdminReplica.PASSWORD);
            runTheManual(server, replica, dataDir, mysql, "replica", "REPLICA");
        }
    }

    @Test
    void theManualsStepsWithTheMariadbClientSwitchTheMariadbSourcesSemisyncOffAndOn(@Source(Flavor.MARIADB) final SourceServer server,
        @TempDir final Path dataDir)
    {
        try (AdminReplica replica = AdminReplica.start(SemisyncSetupIT.class, server, server.host(), server.port(), dataDir))
        {
            final CommandLineClient mariadb = CommandLineClient.mariadb(replica.admin(), AdminReplica.DBA, AdminReplica.PASSWORD);
            runTheManual(server, replica, dataDir, mariadb, "slave", "SLAVE");
        }
    }

    /**
     * @param side    the manual's word for the replica side in plugin and variable names: replica or slave
     * @param replica the spelling of STOP/START: REPLICA or SLAVE
     */
    private static void runTheManual(final SourceServer server, final AdminReplica replica, final Path dataDir,
        final CommandLineClient client, final String side, final String spelling)
    {
        SourceLoad.createTable(server);
        ReplicationChecks.awaitSemisyncConnected(replica.process(), server, TIMEOUT);
        final String plugin = "rpl_semi_sync_" + side;
        final String enabled = plugin + "_enabled";
        final String status = "Rpl_semi_sync_" + side + "_status";

        client.run("INSTALL PLUGIN " + plugin + " SONAME 'semisync_" + side + ".so'").assertOk();
        client.run("INSTALL PLUGIN " + plugin + " SONAME 'semisync_" + side + ".so'").assertError(1125, "Function '" + plugin + "' already exists");
        assertThat(client.run("SELECT PLUGIN_NAME, PLUGIN_STATUS FROM INFORMATION_SCHEMA.PLUGINS WHERE PLUGIN_NAME LIKE '%semi%'").rows())
            .contains(List.of(plugin, "ACTIVE"));
        assertThat(client.run("SHOW VARIABLES LIKE 'have_dynamic_loading'").nameValues()).containsEntry("have_dynamic_loading", "YES");
        assertThat(client.run("SHOW VARIABLES LIKE '" + enabled + "'").nameValues()).as("set by the configuration")
            .containsEntry(enabled, "ON");

        client.run("SET GLOBAL " + enabled + " = 0").assertOk();
        assertThat(client.run("SHOW VARIABLES LIKE '" + enabled + "'").nameValues()).containsEntry(enabled, "OFF");
        assertThat(client.run("SHOW STATUS LIKE '" + status + "'").nameValues()).as("the replica keeps its mode until the I/O thread restarts")
            .containsEntry(status, "ON");
        assertThat(ReplicationChecks.semisyncStatus(server, "clients")).isEqualTo(1);

        client.run("STOP " + spelling + " IO_THREAD; START " + spelling + " IO_THREAD").assertOk();
        Waits.until("no semisync replica on the source", TIMEOUT, () -> ReplicationChecks.semisyncStatus(server, "clients") == 0,
            () -> "clients " + ReplicationChecks.semisyncStatus(server, "clients") + replica.process().logTail());
        awaitStreaming(client, spelling);
        assertThat(client.run("SHOW STATUS LIKE '" + status + "'").nameValues()).containsEntry(status, "OFF");
        final long yesTransactions = ReplicationChecks.semisyncStatus(server, "yes_tx");
        try (SourceLoad load = SourceLoad.start(server, 2, TRANSACTIONS, 1, false))
        {
            assertThat(load.await(TIMEOUT)).isEqualTo(TRANSACTIONS);
        }
        ReplicationChecks.awaitStored(server, dataDir, SourceBinlog.lastSequence(server), TIMEOUT, replica.process());
        assertThat(ReplicationChecks.semisyncStatus(server, "yes_tx")).as("transactions the source waited for while asynchronous")
            .isEqualTo(yesTransactions);

        client.run("SET GLOBAL " + enabled + " = 1; STOP " + spelling + " IO_THREAD; START " + spelling + " IO_THREAD").assertOk();
        ReplicationChecks.awaitSemisyncConnected(replica.process(), server, TIMEOUT);
        assertThat(client.run("SHOW STATUS LIKE '" + status + "'").nameValues()).containsEntry(status, "ON");
        replica.stop();
    }

    private static void awaitStreaming(final CommandLineClient client, final String spelling)
    {
        final String running = spelling.equals("SLAVE") ? "Slave_IO_Running" : "Replica_IO_Running";
        final AtomicReference<Map<String, String>> row = new AtomicReference<>();
        Waits.until(running + " Yes", TIMEOUT, () ->
        {
            row.set(client.run("SHOW " + spelling + " STATUS").single());
            return "Yes".equals(row.get().get(running));
        }, () -> String.valueOf(row.get()));
    }
}
