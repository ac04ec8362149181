package io.semisync.it.serve;

import io.semisync.it.Source;
import io.semisync.it.SourceServerExtension;
import io.semisync.it.replica.RelayLogContents;
import io.semisync.it.replica.ReplicaLogs;
import io.semisync.it.replica.ReplicaProcess;
import io.semisync.it.replica.ReplicationChecks;
import io.semisync.it.replica.SourceLoad;
import io.semisync.it.replica.Waits;
import io.semisync.protocol.binlog.GtidSet;
import io.semisync.protocol.server.AuthMethod;
import io.semisync.sources.Flavor;
import io.semisync.sources.SourceOptions;
import io.semisync.sources.SourceServer;
import io.semisync.sources.SourceServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.semisync.it.serve.ServeEndpoint.PASSWORD;
import static io.semisync.it.serve.ServeEndpoint.TIMEOUT;
import static io.semisync.it.serve.ServeEndpoint.USER;
import static io.semisync.it.serve.ServeEndpoint.await;
import static io.semisync.it.serve.ServeEndpoint.checksum;
import static io.semisync.it.serve.ServeEndpoint.usersFile;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tagged GTIDs (MySQL 8.3+, {@code SET gtid_next = 'AUTOMATIC:<tag>'}) end to end, against MySQL 9.7: our node starts
 * from a source whose GTIDs already hold a tag (it resumes with a COM_BINLOG_DUMP_GTID in the tagged format), archives
 * tagged and untagged transactions, is killed with SIGKILL and started again on the same data directory, archives more,
 * each transaction once; then a real MySQL 9.7 replica whose own GTIDs hold a tag, set up with SOURCE_AUTO_POSITION = 1
 * against our node, applies the archive: its table and gtid_executed, tags included, equal the source's.
 */
@ExtendWith(SourceServerExtension.class)
class ServeTaggedGtidIT
{
    private static final int TRANSACTIONS = 5;

    @Test
    void taggedTransactionsAreArchivedSurviveAKillAndReachADownstreamReplica(
        @Source(value = Flavor.MYSQL, dedicated = true) final SourceServer source, @TempDir final Path dataDir)
        throws IOException
    {
        final Path users = usersFile(dataDir, "users", USER, AuthMethod.CACHING_SHA2_PASSWORD, PASSWORD);
        final Path logDir = ReplicaLogs.directory(ServeTaggedGtidIT.class, source.flavor());
        final String[] args = {"--admin-users-file", users.toString(), "--admin-port", "0", "--serve-port", "0"};
        SourceLoad.createTable(source);
        commit(source, "before", 1);
        final String sourceHadBefore = gtidExecuted(source);
        assertThat(sourceHadBefore).as("the source's GTIDs before our node starts").contains(":before:1");

        try (SourceServer downstream = SourceServers.start(Flavor.MYSQL, SourceOptions.defaults().withServerId(3)))
        {
            try (ReplicaProcess first = ReplicaProcess.start("first", source.host(), source.port(), source.replicationUser(), dataDir,
                logDir, args))
            {
                ReplicationChecks.awaitSemisyncConnected(first, source, TIMEOUT);
                commit(source, "tag1", TRANSACTIONS);
                commit(source, "", TRANSACTIONS);
                awaitArchived(source, sourceHadBefore, dataDir, first);
                first.kill();
            }
            try (ReplicaProcess replica = ReplicaProcess.start("after-kill", source.host(), source.port(), source.replicationUser(),
                dataDir, logDir, args))
            {
                ReplicationChecks.awaitSemisyncConnected(replica, source, TIMEOUT);
                commit(source, "tag1", TRANSACTIONS);
                commit(source, "Tag_2", TRANSACTIONS);
                commit(source, "", TRANSACTIONS);
                awaitArchived(source, sourceHadBefore, dataDir, replica);
                final String uuid = source.queryValue("SELECT @@server_uuid");
                final RelayLogContents archived = RelayLogContents.read(dataDir);
                assertThat(archived.anomalies()).as("anomalies in the relay log").isEmpty();
                assertThat(archived.committedGtids()).as("each transaction once").doesNotHaveDuplicates()
                    .contains(uuid + ":tag1:1", uuid + ":tag1:" + 2 * TRANSACTIONS, uuid + ":tag_2:1");

                // the downstream has what the source had before our node began, as a backup would give it
                SourceLoad.createTable(downstream);
                commit(downstream, "before", 1);
                final InetSocketAddress serve = await(replica);
                downstream.execute("RESET BINARY LOGS AND GTIDS", "SET GLOBAL gtid_purged = '" + sourceHadBefore + "'",
                    "CHANGE REPLICATION SOURCE TO SOURCE_HOST = '" + serve.getHostString() + "', SOURCE_PORT = " + serve.getPort()
                        + ", SOURCE_USER = '" + USER + "', SOURCE_PASSWORD = '" + PASSWORD
                        + "', SOURCE_AUTO_POSITION = 1, SOURCE_SSL = 0, GET_SOURCE_PUBLIC_KEY = 1",
                    "START REPLICA");
                final String sourceGtids = gtidExecuted(source);
                Waits.until("the downstream replica to apply " + sourceGtids, TIMEOUT,
                    () -> GtidSet.parse(sourceGtids).equals(GtidSet.parse(gtidExecuted(downstream))),
                    () -> "downstream has " + gtidExecuted(downstream) + "; its status: " + downstream.query("SHOW REPLICA STATUS")
                        + "\n" + replica.logTail());
                assertThat(checksum(downstream)).as("the downstream's table").isEqualTo(checksum(source));
                assertThat(gtidExecuted(downstream)).contains(":tag1:1-" + 2 * TRANSACTIONS, ":tag_2:1-" + TRANSACTIONS);
                assertThat(downstream.queryValue("SELECT COUNT(*) FROM " + SourceLoad.TABLE + " WHERE client >= 0"))
                    .isEqualTo(String.valueOf(5 * TRANSACTIONS + 1));
            }
        }
    }

    /** Commits {@code count} one-row transactions in one session, each with the tag (none when empty). */
    private static void commit(final SourceServer source, final String tag, final int count)
    {
        final List<String> statements = new ArrayList<>();
        statements.add("SET gtid_next = 'AUTOMATIC" + (tag.isEmpty() ? "" : ":" + tag) + "'");
        for (int i = 0; i < count; i++)
        {
            statements.add("INSERT INTO " + SourceLoad.TABLE + " (client, payload) VALUES (" + i + ", '" + tag + "')");
        }
        source.execute(statements.toArray(String[]::new));
    }

    /** Waits until the relay log holds every transaction the source has committed since {@code hadBefore}. */
    private static void awaitArchived(final SourceServer source, final String hadBefore, final Path dataDir, final ReplicaProcess replica)
    {
        final GtidSet executed = GtidSet.parse(gtidExecuted(source));
        Waits.until("the relay log to hold " + executed, TIMEOUT, () ->
        {
            final GtidSet stored = GtidSet.parse(hadBefore);
            for (final String gtid : RelayLogContents.read(dataDir).committedGtids())
            {
                stored.addAll(GtidSet.parse(gtid));
            }
            return stored.containsAll(executed);
        }, replica::logTail);
    }

    private static String gtidExecuted(final SourceServer server)
    {
        return server.queryValue("SELECT @@GLOBAL.gtid_executed").replaceAll("\\s", "");
    }
}
