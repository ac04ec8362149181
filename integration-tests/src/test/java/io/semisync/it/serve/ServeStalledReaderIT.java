package io.semisync.it.serve;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.network.SSLMode;
import io.semisync.it.Source;
import io.semisync.it.SourceServerExtension;
import io.semisync.it.replica.ReplicaLogs;
import io.semisync.it.replica.ReplicaProcess;
import io.semisync.it.replica.ReplicationChecks;
import io.semisync.it.replica.SourceLoad;
import io.semisync.it.replica.Waits;
import io.semisync.protocol.server.AuthMethod;
import io.semisync.sources.Flavor;
import io.semisync.sources.SourceServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import static io.semisync.it.serve.ServeEndpoint.TIMEOUT;
import static io.semisync.it.serve.ServeEndpoint.await;
import static io.semisync.it.serve.ServeEndpoint.usersFile;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A binlog client (mysql-binlog-connector-java) that stops reading its dump while the source commits tens of MiB is cut
 * off after {@code --serve-write-timeout-ms} instead of having the archive buffered for it, while another reader of the
 * same endpoint reads on and the source's semisync commits go on (the dumps never run on the thread that stores and
 * acknowledges).
 */
@ExtendWith(SourceServerExtension.class)
class ServeStalledReaderIT
{
    private static final String USER = "cdc";
    private static final String PASSWORD = "cdc-Secret-1";
    private static final int ROWS = 400;
    private static final int ROW_BYTES = 60_000;
    private static final String TABLE = "semisync_it.stalled_reader_rows";

    @Test
    void aReaderThatStopsReadingIsCutOffWhileAnotherReadsOn(@Source(Flavor.MYSQL) final SourceServer source, @TempDir final Path dataDir)
        throws IOException, TimeoutException, InterruptedException
    {
        final Path users = usersFile(dataDir, "users", USER, AuthMethod.CACHING_SHA2_PASSWORD, PASSWORD);
        try (ReplicaProcess replica = ReplicaProcess.start("replica", source.host(), source.port(), source.replicationUser(), dataDir,
            ReplicaLogs.directory(ServeStalledReaderIT.class, source.flavor()), "--serve-users-file", users.toString(), "--serve-port", "0",
            "--serve-write-timeout-ms", "1000", "--start-position", "current"))
        {
            final InetSocketAddress serve = await(replica);
            SourceLoad.createTable(source);
            source.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (id BIGINT AUTO_INCREMENT PRIMARY KEY, payload MEDIUMTEXT)");
            ReplicationChecks.awaitSemisyncConnected(replica, source, TIMEOUT);
            final String gtids = source.queryValue("SELECT @@GLOBAL.gtid_executed").replaceAll("\\s", "");
            final CountDownLatch release = new CountDownLatch(1);
            final AtomicLong stalledEvents = new AtomicLong();
            final BinaryLogClient stalled = client(serve, 91, gtids);
            stalled.registerEventListener(event ->
            {
                stalledEvents.incrementAndGet();
                awaitQuietly(release);
            });
            final AtomicLong events = new AtomicLong();
            final BinaryLogClient reading = client(serve, 92, gtids);
            reading.registerEventListener(event -> events.incrementAndGet());
            stalled.connect(TIMEOUT.toMillis());
            reading.connect(TIMEOUT.toMillis());
            final long noTx = ReplicationChecks.semisyncStatus(source, "no_tx");
            try
            {
                for (int row = 0; row < ROWS; row++)
                {
                    source.execute("INSERT INTO " + TABLE + " (payload) VALUES (REPEAT('s', " + ROW_BYTES + "))");
                }
                Waits.until("the stalled reader to be cut off", TIMEOUT, () -> replica.stderr().contains("cut off"), replica::logTail);
                Waits.until("the other reader to read every row", TIMEOUT, () -> events.get() >= ROWS * 4L,
                    () -> events.get() + " events read" + replica.logTail());
                assertThat(stalledEvents.get()).as("the stalled reader took one event and stopped").isOne();
                assertThat(replica.stderr()).contains("binlog dump to cdc@127.0.0.1 cut off: the client read nothing of what was sent for "
                    + "1000 ms");
                assertThat(ReplicationChecks.semisyncStatus(source, "no_tx")).as("the source never waited out its timeout").isEqualTo(noTx);
            }
            finally
            {
                release.countDown();
                stalled.disconnect();
                reading.disconnect();
            }
        }
    }

    private static BinaryLogClient client(final InetSocketAddress serve, final long serverId, final String gtids)
    {
        final BinaryLogClient client = new BinaryLogClient(serve.getHostString(), serve.getPort(), USER, PASSWORD);
        client.setServerId(serverId);
        client.setSSLMode(SSLMode.DISABLED);
        client.setKeepAlive(false);
        client.setGtidSet(gtids);
        return client;
    }

    private static void awaitQuietly(final CountDownLatch latch)
    {
        try
        {
            latch.await();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
