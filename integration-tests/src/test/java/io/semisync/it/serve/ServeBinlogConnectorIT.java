package io.semisync.it.serve;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import com.github.shyiko.mysql.binlog.network.SSLMode;
import io.semisync.it.Source;
import io.semisync.it.SourceServerExtension;
import io.semisync.it.replica.ReplicaLogs;
import io.semisync.it.replica.ReplicaProcess;
import io.semisync.it.replica.ReplicationChecks;
import io.semisync.it.replica.SourceBinlog;
import io.semisync.it.replica.SourceLoad;
import io.semisync.it.replica.Waits;
import io.semisync.protocol.server.AuthMethod;
import io.semisync.sources.Flavor;
import io.semisync.sources.SourceServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Serializable;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;

import static io.semisync.it.serve.ServeEndpoint.TIMEOUT;
import static io.semisync.it.serve.ServeEndpoint.TRANSACTIONS;
import static io.semisync.it.serve.ServeEndpoint.await;
import static io.semisync.it.serve.ServeEndpoint.purgeAllButANewBinlog;
import static io.semisync.it.serve.ServeEndpoint.statements;
import static io.semisync.it.serve.ServeEndpoint.usersFile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * io.debezium:mysql-binlog-connector-java, the client Debezium's MySQL connector reads the binlog with, connected to our
 * node's replication endpoint with a GTID set after the source purged every binlog that held the write load: it reads
 * each row the load wrote, in the source's commit order. It logs in as a replication user ({@code --serve-users-file}),
 * who cannot log in to the admin endpoint.
 */
@ExtendWith(SourceServerExtension.class)
class ServeBinlogConnectorIT
{
    private static final String USER = "cdc";
    private static final String PASSWORD = "cdc-Secret-1";

    @Test
    void theConnectorReadsEveryRowInOrderAfterTheSourcePurgedItsBinlogs(
        @Source(value = Flavor.MYSQL, dedicated = true) final SourceServer source, @TempDir final Path dataDir)
        throws IOException, TimeoutException
    {
        final Path users = usersFile(dataDir, "users", USER, AuthMethod.CACHING_SHA2_PASSWORD, PASSWORD);
        final Path admins = usersFile(dataDir, "admins", "dba", AuthMethod.CACHING_SHA2_PASSWORD, PASSWORD);
        try (ReplicaProcess replica = ReplicaProcess.start("replica", source.host(), source.port(), source.replicationUser(), dataDir,
            ReplicaLogs.directory(ServeBinlogConnectorIT.class, source.flavor()), "--serve-users-file", users.toString(),
            "--admin-users-file", admins.toString(), "--admin-port", "0", "--serve-port", "0"))
        {
            final InetSocketAddress serve = await(replica);
            SourceLoad.createTable(source);
            ReplicationChecks.awaitSemisyncConnected(replica, source, TIMEOUT);
            final String before = source.queryValue("SELECT @@GLOBAL.gtid_executed").replaceAll("\\s", "");
            try (SourceLoad load = SourceLoad.start(source, 1, TRANSACTIONS, 1, false))
            {
                load.await(TIMEOUT);
            }
            final List<Long> written = source.query("SELECT id FROM " + SourceLoad.TABLE + " WHERE client >= 0 ORDER BY id").stream()
                .map(row -> Long.parseLong(row.get(0))).toList();
            assertThat(written).hasSize(TRANSACTIONS);
            ReplicationChecks.awaitStored(source, dataDir, SourceBinlog.lastSequence(source), TIMEOUT, replica);

            purgeAllButANewBinlog(source);

            final List<Long> read = new CopyOnWriteArrayList<>();
            final BinaryLogClient client = new BinaryLogClient(serve.getHostString(), serve.getPort(), USER, PASSWORD);
            client.setServerId(77);
            client.setSSLMode(SSLMode.DISABLED);
            client.setGtidSet(before);
            client.registerEventListener(event ->
            {
                if (event.getHeader().getEventType() == EventType.EXT_WRITE_ROWS)
                {
                    for (final Serializable[] row : ((WriteRowsEventData)event.getData()).getRows())
                    {
                        read.add(((Number)row[0]).longValue());
                    }
                }
            });
            client.connect(TIMEOUT.toMillis());
            try
            {
                Waits.until(TRANSACTIONS + " rows from the connector", TIMEOUT, () -> read.size() >= TRANSACTIONS,
                    () -> read.size() + " rows read" + replica.logTail());
            }
            finally
            {
                client.disconnect();
            }
            assertThat(read).isEqualTo(written);
            assertThatThrownBy(() -> DriverManager.getConnection(ServeEndpoint.adminUrl(replica), USER, PASSWORD).close())
                .as("a replication user does not log in to the admin endpoint").isInstanceOf(SQLException.class)
                .hasMessageContaining("Access denied for user 'cdc'");
            System.out.println("statements mysql-binlog-connector-java sent: "
                + statements(replica, USER));
        }
    }
}
