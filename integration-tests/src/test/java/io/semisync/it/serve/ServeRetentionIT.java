package io.semisync.it.serve;

import io.semisync.it.Source;
import io.semisync.it.SourceServerExtension;
import io.semisync.it.cdc.CdcProcess;
import io.semisync.it.replica.ReplicaLogs;
import io.semisync.it.replica.ReplicaProcess;
import io.semisync.it.replica.ReplicationChecks;
import io.semisync.it.replica.SourceLoad;
import io.semisync.it.replica.Waits;
import io.semisync.protocol.server.AuthMethod;
import io.semisync.replica.DataDirectory;
import io.semisync.sources.Flavor;
import io.semisync.sources.SourceOptions;
import io.semisync.sources.SourceServer;
import io.semisync.sources.SourceServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static io.semisync.it.serve.ServeEndpoint.PASSWORD;
import static io.semisync.it.serve.ServeEndpoint.TIMEOUT;
import static io.semisync.it.serve.ServeEndpoint.USER;
import static io.semisync.it.serve.ServeEndpoint.adminQuery;
import static io.semisync.it.serve.ServeEndpoint.await;
import static io.semisync.it.serve.ServeEndpoint.awaitIoError;
import static io.semisync.it.serve.ServeEndpoint.awaitSameAsSource;
import static io.semisync.it.serve.ServeEndpoint.freePort;
import static io.semisync.it.serve.ServeEndpoint.gtidExecuted;
import static io.semisync.it.serve.ServeEndpoint.replicateFrom;
import static io.semisync.it.serve.ServeEndpoint.usersFile;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retention (one relay-log file a minute, a 1-byte limit) with registered readers: a real MySQL 9.7 replica served by our
 * node and a change feed ({@code cdc --output FILE}, a process of its own). While the replica's I/O thread is stopped
 * and the feed is not running, the file holding what they need stays, the admin endpoint lists both as detached and
 * behind, and each resumes where it was: the replica catches up to the source's table, the feed prints the rows it had
 * not. Restarted with a cap on what is kept for readers ({@code --retention-reader-max-bytes 1}), our node deletes
 * their files all the same and marks them: the replica's next connection stops with error 1236 naming its registration
 * and the cap, the feed stops with exit 1 saying it fell behind.
 */
@ExtendWith(SourceServerExtension.class)
class ServeRetentionIT
{
    /**
     * A database of this test's own, created after the downstream replica starts from the source's GTIDs: the shared
     * source's other databases were made before and are not on the downstream replica.
     */
    private static final String DATABASE = "semisync_retention_it";
    private static final String TABLE = DATABASE + ".retention_rows";
    /** A file boundary (one a minute) and a retention pass (every 10 s), with room to spare. */
    private static final Duration FILE_TIMEOUT = Duration.ofSeconds(150);
    /** Two retention passes (every 10 s), and some. */
    private static final Duration TWO_RETENTION_PASSES = Duration.ofSeconds(25);
    private static final String INSERT_LINE = "\"op\":\"c\"";
    private static final String TABLE_FIELD = "\"table\":\"retention_rows\"";

    @Test
    void retentionKeepsWhatARegisteredReplicaAndChangeFeedNeedUntilTheReadersCapThenTellsThemTheyFellBehind(
        @Source(Flavor.MYSQL) final SourceServer source, @TempDir final Path dataDir)
        throws IOException, SQLException, InterruptedException
    {
        final Path users = usersFile(dataDir, "users", USER, AuthMethod.CACHING_SHA2_PASSWORD, PASSWORD);
        final Path logDir = ReplicaLogs.directory(ServeRetentionIT.class, source.flavor());
        final Path changes = dataDir.resolveSibling(dataDir.getFileName() + "-changes.jsonl");
        final List<String> options = new ArrayList<>(List.of("--admin-users-file", users.toString(), "--admin-port", "0",
            "--serve-port", String.valueOf(freePort()), "--start-position", "current", "--relay-log-files", "MINUTELY",
            "--retention-max-bytes", "1"));
        final String feed = "cdc:file:" + changes.toAbsolutePath().normalize();
        source.execute("DROP DATABASE IF EXISTS " + DATABASE);
        SourceLoad.createTable(source);
        try (SourceServer downstream = SourceServers.start(Flavor.MYSQL, SourceOptions.defaults().withServerId(7)))
        {
            final String replica = "serve:" + downstream.queryValue("SELECT @@server_uuid");
            try (ReplicaProcess node = ReplicaProcess.start("node", source.host(), source.port(), source.replicationUser(), dataDir,
                logDir, options.toArray(String[]::new)))
            {
                final InetSocketAddress serve = await(node);
                ReplicationChecks.awaitSemisyncConnected(node, source, TIMEOUT);
                // what the shared source held until now, the warm-up rows of the wait above included, the downstream skips
                replicateFrom(downstream, serve, gtidExecuted(source));
                source.execute("CREATE DATABASE " + DATABASE,
                    "CREATE TABLE " + TABLE + " (id BIGINT AUTO_INCREMENT PRIMARY KEY, payload VARCHAR(64) NOT NULL)");
                insert(source, 20);
                awaitSameAsSource(source, downstream, node, TABLE);
                runFeed(dataDir, logDir, changes, "feed-1");
                assertThat(insertLines(changes)).isEqualTo(20);

                // the replica's I/O thread stops and the feed has ended: both stay registered where they were
                downstream.execute("STOP REPLICA IO_THREAD");
                final Path needed = insertIntoTheNewestFile(source, dataDir);
                insertUntilANewerFileThan(needed, source, dataDir, node);
                Waits.pause(TWO_RETENTION_PASSES);
                assertThat(cycleFiles(dataDir)).as("the file the readers need, with a newer one beside it").contains(needed);
                assertThat(adminQuery(node, USER, PASSWORD, "SHOW RELAYLOG READERS")).as("SHOW RELAYLOG READERS")
                    .extracting(row -> List.of(row.get(0), row.get(4), row.get(6))).containsExactlyInAnyOrder(
                        List.of(feed, "No", ""), List.of(replica, "No", ""));
                assertThat(adminQuery(node, USER, PASSWORD, "SHOW RELAYLOG READERS")).as("files behind")
                    .allSatisfy(row -> assertThat(Long.parseLong(row.get(3))).isPositive());

                downstream.execute("START REPLICA IO_THREAD");
                awaitSameAsSource(source, downstream, node, TABLE);
                // now only the feed needs that file
                Waits.pause(TWO_RETENTION_PASSES);
                assertThat(cycleFiles(dataDir)).as("the file the feed still needs").contains(needed);
                runFeed(dataDir, logDir, changes, "feed-2");
                assertThat(insertLines(changes)).as("the feed resumed where it was")
                    .isEqualTo(Long.parseLong(source.queryValue("SELECT COUNT(*) FROM " + TABLE)));

                downstream.execute("STOP REPLICA IO_THREAD");
                insertUntilANewerFileThan(insertIntoTheNewestFile(source, dataDir), source, dataDir, node);
                node.stop();
            }

            options.addAll(List.of("--retention-reader-max-bytes", "1"));
            try (ReplicaProcess capped = ReplicaProcess.start("node-capped", source.host(), source.port(), source.replicationUser(),
                dataDir, logDir, options.toArray(String[]::new)))
            {
                Waits.until("retention beyond the readers' cap to leave both readers behind", FILE_TIMEOUT,
                    () -> capped.stderr().contains("reader '" + replica + "' fell behind") && capped.stderr().contains("reader '" + feed
                        + "' fell behind"), capped::logTail);
                await(capped);
                downstream.execute("START REPLICA IO_THREAD");
                assertThat(awaitIoError(downstream)).contains("1236", "reader '" + replica + "' fell behind", "retention-reader-max-bytes");
                assertThat(adminQuery(capped, USER, PASSWORD, "SHOW RELAYLOG READERS"))
                    .allSatisfy(row -> assertThat(row.get(6)).contains("fell behind"));
                try (CdcProcess behind = CdcProcess.start("feed-3", logDir, List.of("--data-dir", dataDir.toString(), "--output",
                    changes.toString())))
                {
                    assertThat(behind.await(TIMEOUT)).as("exit code" + behind.logs()).isEqualTo(1);
                    assertThat(behind.stderr()).contains("reader '" + feed + "' fell behind");
                }
                capped.stop();
            }
        }
    }

    private static void runFeed(final Path dataDir, final Path logDir, final Path output, final String name) throws InterruptedException
    {
        try (CdcProcess cdc = CdcProcess.start(name, logDir, List.of("--data-dir", dataDir.toString(), "--output", output.toString())))
        {
            assertThat(cdc.await(TIMEOUT)).as("cdc exit code" + cdc.logs()).isZero();
        }
    }

    /**
     * Commits a few rows that the readers stopped before lack, all in the newest relay-log file (again, should a new one
     * begin meanwhile).
     *
     * @return that file
     */
    private static Path insertIntoTheNewestFile(final SourceServer source, final Path dataDir)
    {
        Path file;
        do
        {
            file = newestFile(dataDir);
            insert(source, 3);
        }
        while (!newestFile(dataDir).equals(file));
        return file;
    }

    /** The feed's lines of rows inserted into this test's table (the shared source's warm-up rows go elsewhere). */
    private static long insertLines(final Path changes) throws IOException
    {
        try (Stream<String> lines = Files.lines(changes))
        {
            return lines.filter(line -> line.contains(INSERT_LINE) && line.contains(TABLE_FIELD)).count();
        }
    }

    private static void insert(final SourceServer source, final int rows)
    {
        for (int i = 0; i < rows; i++)
        {
            source.execute("INSERT INTO " + TABLE + " (payload) VALUES ('row " + i + "')");
        }
    }

    /** Commits a row every half second until the relay log has a file newer than {@code file}, then a few more into it. */
    private static void insertUntilANewerFileThan(final Path file, final SourceServer source, final Path dataDir, final ReplicaProcess node)
    {
        final BooleanSupplier newer = () -> newestFile(dataDir).getFileName().toString().compareTo(file.getFileName().toString()) > 0;
        Waits.until("a relay-log file newer than " + file.getFileName(), FILE_TIMEOUT, () ->
        {
            insert(source, 1);
            Waits.pause(Duration.ofMillis(500));
            return newer.getAsBoolean();
        }, node::logTail);
        insert(source, 5);
    }

    private static Path newestFile(final Path dataDir)
    {
        final List<Path> files = cycleFiles(dataDir);
        return files.get(files.size() - 1);
    }

    private static List<Path> cycleFiles(final Path dataDir)
    {
        try (Stream<Path> files = Files.list(DataDirectory.relayLogOf(dataDir)))
        {
            return files.filter(file -> file.getFileName().toString().endsWith(".cq4")).sorted().toList();
        }
        catch (final IOException ex)
        {
            throw new AssertionError("cannot list the relay log of " + dataDir, ex);
        }
    }
}
