package io.semisync.it.replica;

import io.semisync.it.admin.AdminReplica;
import io.semisync.it.server.ClientRun;
import io.semisync.replica.DataDirectory;
import io.semisync.replica.ReplicaState;
import io.semisync.replica.archive.ArchiveSearch;
import io.semisync.replica.archive.ArchiveSearchException;
import io.semisync.replica.archive.ArchivedFile;
import io.semisync.replica.cli.SemisyncReplicaCommand;
import io.semisync.replica.export.BinlogExport;
import io.semisync.replica.export.ExportRange;
import io.semisync.replica.export.ExportResult;
import io.semisync.sources.ClientPrograms;
import io.semisync.sources.Flavor;
import io.semisync.sources.SourceServer;
import io.semisync.sources.SourceServers;
import io.semisync.storage.relaylog.RelayLog;
import io.semisync.storage.relaylog.EventMetadata;
import io.semisync.storage.relaylog.RecordFlags;
import io.semisync.storage.relaylog.RelayLogConfig;
import io.semisync.storage.relaylog.RelayLogWriter;
import net.openhft.chronicle.core.time.SetTimeProvider;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code export} against real sources: a workload over three binlog files replicated from the oldest binlog, the
 * replica stopped, the relay log exported; the real {@code mysqlbinlog --verify-binlog-checksum} 9.7 (MySQL) and
 * {@code mariadb-binlog --verify-binlog-checksum} 10.11 (MariaDB) read every exported file without a warning, decode
 * the workload's rows and list every GTID the source executed, their output replayed by the flavor's client into an
 * empty server gives the source's table (CHECKSUM TABLE), and the files equal the source's own binlog files
 * byte for byte (the source's current file: the prefix exported, the in-use flag it still carries aside). Restores
 * to a point: exports {@code --until-gtid} (with and without {@code --exclude-until-gtid}) and {@code --stop-datetime}
 * replayed the same way give the table's checksum the source had at that GTID or time; a copy of the relay log
 * compressed as {@code --compress-relay-log} does exports the same bytes. {@code search} (and
 * {@code SHOW BINLOG ARCHIVE} on the admin endpoint while the replica runs) names the files that the workload, rotating
 * the source's binlog between known transactions, wrote a time and a GTID set to. A replica started at the source's current position holds its
 * first file from a transaction in its middle: that file is exported opening with the next file's FORMAT_DESCRIPTION,
 * and the real readers read it.
 */
class ExportIT
{
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int ROWS_PER_FILE = 20;
    private static final int FILES = 3;
    private static final Pattern MYSQL_GTID = Pattern.compile("GTID_NEXT= '([0-9a-f-]{36}:\\d+)'");
    private static final Pattern MARIADB_GTID = Pattern.compile("GTID (\\d+-\\d+-\\d+)");
    private static final int FLAGS_IN_FILE = 4 + 17;
    /** The workload's row whose GTID the restores until a GTID end at: in the middle file. */
    private static final int GTID_ROW = ROWS_PER_FILE + ROWS_PER_FILE / 2;
    /** The workload's row whose time the restore until a time ends before: in the last file. */
    private static final int TIME_ROW = 2 * ROWS_PER_FILE + 3;
    /** Rows whose times search must find in their file: within each file, and the last of a file and the first of the next. */
    private static final int[] SEARCHED_ROWS = {0, 7, ROWS_PER_FILE - 1, ROWS_PER_FILE, ROWS_PER_FILE + 11, 2 * ROWS_PER_FILE + 19};

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void exportedFilesAreReadByTheRealToolsAndRestoreToAPoint(final Flavor flavor, @TempDir final Path dataDir) throws IOException
    {
        try (SourceServer server = SourceServers.start(flavor); SourceServer target = SourceServers.start(flavor))
        {
            final Workload workload = Workload.run(server);
            final long last = SourceBinlog.lastSequence(server);
            try (AdminReplica replica = AdminReplica.start(ExportIT.class, server, server.host(), server.port(), dataDir,
                "--start-position", "OLDEST"))
            {
                // the relay log is read only once the replica has made it (it streams then)
                replica.process().awaitStatus("streaming", TIMEOUT, status -> status.state() == ReplicaState.STREAMING);
                ReplicationChecks.awaitStored(server, dataDir, last, TIMEOUT, replica.process());
                // a transaction the source waits for an ACK of makes all before it servable (a catch-up syncs in the background)
                server.execute("SET TIMESTAMP = " + workload.stampOf(FILES * ROWS_PER_FILE + 10).getEpochSecond(),
                    "CREATE DATABASE IF NOT EXISTS semisync_it_marker");
                theAdminEndpointFindsTheFilesOfATimeAndAGtidSet(replica, workload, workload.files(server),
                    SourceBinlog.gtid(server, SourceBinlog.lastSequence(server)));
                replica.stop();
            }
            searchFindsTheFilesOfATimeAndAGtidSet(dataDir, workload, workload.files(server));
            final Path output = outputDirectory(flavor);
            try
            {
                assertThat(SemisyncReplicaCommand.execute("export", "--data-dir", dataDir.toString(), "--output", output.toString()))
                    .as("export's exit code").isZero();
                final List<String> files = indexedFiles(output);
                final List<String> sourceFiles = server.query("SHOW BINARY LOGS").stream().map(row -> row.get(0)).toList();
                assertThat(files).as("exported files: the source's, from the one the dump from the oldest binlog began with")
                    .hasSizeGreaterThanOrEqualTo(FILES)
                    .containsExactlyElementsOf(sourceFiles.subList(sourceFiles.size() - files.size(), sourceFiles.size()));

                final String decoded = decode(flavor, output, files);
                assertThat(decoded).as("decoded rows")
                    .contains("load_rows").contains("'export-0-0'").contains("'export-" + (FILES - 1) + "-" + (ROWS_PER_FILE - 1) + "'");
                assertThat(gtids(flavor, decoded)).as("GTIDs in the exported files").containsExactlyElementsOf(expectedGtids(server));
                replayGives(target, decoded, workload.checksumAfter(FILES * ROWS_PER_FILE), "the whole export");

                final Path sourceBinlogDir = sourceDataDir(server);
                final String current = sourceFiles.get(sourceFiles.size() - 1);
                for (final String file : files)
                {
                    final byte[] exported = Files.readAllBytes(output.resolve(file));
                    final byte[] source = Files.readAllBytes(sourceBinlogDir.resolve(file));
                    if (file.equals(current))
                    {
                        source[FLAGS_IN_FILE] &= ~1;
                        assertThat(exported).as("exported " + file + ": the start of the source's current file").isEqualTo(
                            Arrays.copyOf(source, exported.length));
                    }
                    else
                    {
                        assertThat(exported).as("exported " + file + " against the source's closed file").isEqualTo(source);
                    }
                }
                aCompressedRelayLogExportsTheSameFiles(dataDir, output, files);
            }
            finally
            {
                deleteTree(output);
            }
            final String untilGtid = workload.gtidOf(GTID_ROW);
            final List<String> gtids = gtids(flavor, restoreTo(target, dataDir, workload.checksumAfter(GTID_ROW + 1), "--until-gtid", untilGtid));
            assertThat(gtids).as("GTIDs exported until " + untilGtid).endsWith(untilGtid)
                .containsExactlyElementsOf(List.copyOf(expectedGtids(server)).subList(0, gtids.size()));
            restoreTo(target, dataDir, workload.checksumAfter(GTID_ROW), "--until-gtid", untilGtid, "--exclude-until-gtid");
            restoreTo(target, dataDir, workload.checksumAfter(TIME_ROW), "--stop-datetime", workload.stampOf(TIME_ROW).toString());
        }
    }

    /**
     * Point-in-time recovery: the export with {@code range} (export's flags) decoded by the real reader and replayed by
     * the real client into {@code target} gives the table the source had at that point.
     *
     * @return the decoded export.
     */
    private static String restoreTo(final SourceServer target, final Path dataDir, final String expectedChecksum, final String... range)
        throws IOException
    {
        final Path output = outputDirectory(target.flavor());
        try
        {
            final List<String> arguments = new ArrayList<>(List.of("export", "--data-dir", dataDir.toString(), "--output", output.toString()));
            arguments.addAll(List.of(range));
            assertThat(SemisyncReplicaCommand.execute(arguments.toArray(new String[0]))).as("exit code of export " + List.of(range)).isZero();
            final String decoded = decode(target.flavor(), output, indexedFiles(output));
            replayGives(target, decoded, expectedChecksum, "export " + List.of(range));
            return decoded;
        }
        finally
        {
            deleteTree(output);
        }
    }

    /**
     * {@code search}: a time in each file, the last second of a file and the first of the next, and a GTID set whose
     * transactions lie in the first and the last file (so not the middle one) give the files the workload wrote them
     * to; a time before every transaction and a GTID the source never wrote have no answer.
     */
    private static void searchFindsTheFilesOfATimeAndAGtidSet(final Path dataDir, final Workload workload, final List<String> files)
    {
        try (RelayLog relayLog = RelayLog.open(new RelayLogConfig().directory(DataDirectory.relayLogOf(dataDir)).readOnly(true).validate()))
        {
            final long lastCommit = relayLog.recoveredPosition().lastCommitIndex();
            assertThat(ArchiveSearch.files(relayLog, lastCommit)).extracting(ArchivedFile::name).endsWith(files.toArray(new String[0]));
            for (final int row : SEARCHED_ROWS)
            {
                final ArchivedFile found = ArchiveSearch.forTime(relayLog, lastCommit, workload.stampOf(row));
                assertThat(found.name()).as("the file holding the time of row " + row).isEqualTo(files.get(row / ROWS_PER_FILE));
                assertThat(found.firstRelayLogFile()).as("relay-log files").isEqualTo(relayLog.fileNameOf(found.firstIndex()));
            }
            assertThat(ArchiveSearch.forGtidSet(relayLog, lastCommit, workload.gtidSet(5, 2 * ROWS_PER_FILE + 5)))
                .extracting(ArchivedFile::name).containsExactly(files.get(0), files.get(2));
            assertThatThrownBy(() -> ArchiveSearch.forTime(relayLog, lastCommit, Instant.parse("2001-01-01T00:00:00Z")))
                .isInstanceOf(ArchiveSearchException.class).hasMessageContaining("no transaction stamped at or before 2001-01-01T00:00:00Z");
            final String missing = workload.gtidSet(3) + (workload.gtidOf(3).contains(":") ? ":999999" : ",0-1-999999");
            assertThatThrownBy(() -> ArchiveSearch.forGtidSet(relayLog, lastCommit, missing))
                .isInstanceOf(ArchiveSearchException.class).hasMessageContaining("does not hold all of the GTID set " + missing);
        }
    }

    /** {@code SHOW BINLOG ARCHIVE FOR TIME / FOR GTID} on the running replica's admin endpoint answers as search does. */
    private static void theAdminEndpointFindsTheFilesOfATimeAndAGtidSet(final AdminReplica replica, final Workload workload,
        final List<String> files, final String marker)
    {
        try (Connection connection = DriverManager.getConnection(replica.jdbcUrl(), AdminReplica.ADMIN, AdminReplica.PASSWORD);
            Statement statement = connection.createStatement())
        {
            Waits.until("transaction " + marker + " servable", TIMEOUT, () -> holds(statement, marker), replica.process()::logTail);
            final int row = ROWS_PER_FILE + 3;
            assertThat(logNames(statement, "SHOW BINLOG ARCHIVE FOR TIME '" + workload.stampOf(row) + "'"))
                .as("SHOW BINLOG ARCHIVE FOR TIME").containsExactly(files.get(1));
            assertThat(logNames(statement, "SHOW BINLOG ARCHIVE FOR GTID '" + workload.gtidSet(row, 2 * ROWS_PER_FILE) + "'"))
                .as("SHOW BINLOG ARCHIVE FOR GTID").containsExactly(files.get(1), files.get(2));
            assertThat(logNames(statement, "SHOW BINLOG ARCHIVE")).as("SHOW BINLOG ARCHIVE").endsWith(files.toArray(new String[0]));
            assertThatThrownBy(() -> statement.executeQuery("SHOW BINLOG ARCHIVE FOR TIME 'yesterday'"))
                .isInstanceOf(SQLException.class).hasMessageContaining("'yesterday' is not a time");
        }
        catch (final SQLException ex)
        {
            throw new AssertionError(ex);
        }
    }

    private static boolean holds(final Statement statement, final String gtid)
    {
        try
        {
            return !logNames(statement, "SHOW BINLOG ARCHIVE FOR GTID '" + gtid + "'").isEmpty();
        }
        catch (final SQLException ex)
        {
            return false;
        }
    }

    private static List<String> logNames(final Statement statement, final String sql) throws SQLException
    {
        final List<String> names = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery(sql))
        {
            while (rows.next())
            {
                names.add(rows.getString("Log_name"));
            }
        }
        return names;
    }

    /**
     * A copy of the relay log whose file is closed by a marker transaction in a file of its own (a day later), then
     * compressed as {@code --compress-relay-log} does, exports the same bytes as the relay log itself.
     */
    private static void aCompressedRelayLogExportsTheSameFiles(final Path dataDir, final Path plainExport, final List<String> files)
        throws IOException
    {
        final Path copy = Files.createTempDirectory("export-it-compressed-");
        try
        {
            final Path relayLogCopy = copy.resolve("relay-log");
            Files.createDirectories(relayLogCopy);
            try (Stream<Path> entries = Files.list(DataDirectory.relayLogOf(dataDir)))
            {
                for (final Path file : entries.toList())
                {
                    Files.copy(file, relayLogCopy.resolve(file.getFileName()));
                }
            }
            final SetTimeProvider dayLater = new SetTimeProvider(TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis() + TimeUnit.DAYS.toMillis(1)));
            try (RelayLog relayLog = RelayLog.open(new RelayLogConfig().directory(relayLogCopy).timeProvider(dayLater).compressClosedFiles(true));
                RelayLogWriter writer = relayLog.openWriter())
            {
                writer.append(new EventMetadata().sourceFileName("marker").endPosition(23).flags(RecordFlags.TRANSACTION_END),
                    new UnsafeBuffer(new byte[23]), 0, 23);
                writer.sync();
                assertThat(relayLog.compressClosedFiles()).as("the relay log's files, compressed").isNotEmpty();
            }
            final Path output = copy.resolve("export");
            try (RelayLog relayLog = RelayLog.open(new RelayLogConfig().directory(relayLogCopy).readOnly(true)))
            {
                assertThat(BinlogExport.export(relayLog, output, ExportRange.files(null, files.get(files.size() - 1))).files())
                    .containsExactlyElementsOf(files);
            }
            for (final String file : files)
            {
                assertThat(Files.readAllBytes(output.resolve(file))).as(file + " exported from the compressed relay log")
                    .isEqualTo(Files.readAllBytes(plainExport.resolve(file)));
            }
        }
        finally
        {
            deleteTree(copy.resolve("export"));
        }
    }

    /** Every GTID the source executed, in order. */
    private static Set<String> expectedGtids(final SourceServer server)
    {
        final Set<String> expected = new LinkedHashSet<>();
        final long last = SourceBinlog.lastSequence(server);
        for (long sequence = 1; sequence <= last; sequence++)
        {
            expected.add(SourceBinlog.gtid(server, sequence));
        }
        return expected;
    }

    /**
     * The source's workload over {@value #FILES} binlog files: {@value #ROWS_PER_FILE} single-row transactions each,
     * stamped one second apart from a second still to come ({@code SET TIMESTAMP}, so no test waits for the clock),
     * with the table's checksum before the first and after each, as a restore to that point must give it.
     */
    private record Workload(List<String> checksums, List<String> gtids, long firstStamp)
    {
        static Workload run(final SourceServer server)
        {
            SourceLoad.createTable(server);
            final long firstStamp = Instant.now().getEpochSecond() + 2;
            final List<String> checksums = new ArrayList<>(List.of(checksum(server)));
            final List<String> gtids = new ArrayList<>();
            for (int file = 0; file < FILES; file++)
            {
                for (int row = 0; row < ROWS_PER_FILE; row++)
                {
                    server.execute("SET TIMESTAMP = " + (firstStamp + gtids.size()),
                        "INSERT INTO " + SourceLoad.TABLE + " (client, payload) VALUES (" + file + ", 'export-" + file + "-" + row + "')");
                    checksums.add(checksum(server));
                    gtids.add(SourceBinlog.gtid(server, SourceBinlog.lastSequence(server)));
                }
                if (file < FILES - 1)
                {
                    server.execute("FLUSH BINARY LOGS");
                }
            }
            return new Workload(checksums, gtids, firstStamp);
        }

        /** The table's checksum once the first {@code rows} rows of the workload are in. */
        String checksumAfter(final int rows)
        {
            return checksums.get(rows);
        }

        String gtidOf(final int row)
        {
            return gtids.get(row);
        }

        /** The GTIDs of {@code rows} as a set in the flavor's syntax ({@code uuid:a:b} or {@code d-s-a,d-s-b}). */
        String gtidSet(final int... rows)
        {
            final StringBuilder set = new StringBuilder();
            for (final int row : rows)
            {
                final String gtid = gtids.get(row);
                final int colon = gtid.indexOf(':');
                set.append(set.length() == 0 ? gtid : colon > 0 ? gtid.substring(colon) : "," + gtid);
            }
            return set.toString();
        }

        /** The source's binlog files the workload wrote to, in order. */
        List<String> files(final SourceServer server)
        {
            final List<String> names = server.query("SHOW BINARY LOGS").stream().map(row -> row.get(0)).toList();
            return names.subList(names.size() - FILES, names.size());
        }

        /** The time the transaction of {@code row} is stamped with. */
        Instant stampOf(final int row)
        {
            return Instant.ofEpochSecond(firstStamp + row);
        }
    }

    private static String checksum(final SourceServer server)
    {
        return server.query("CHECKSUM TABLE " + SourceLoad.TABLE).get(0).get(1);
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void aFileHeldFromItsMiddleIsExportedFromItsFirstTransactionStored(final Flavor flavor, @TempDir final Path dataDir) throws IOException
    {
        final Path logDir = ReplicaLogs.directory(ExportIT.class, flavor);
        try (SourceServer server = SourceServers.start(flavor))
        {
            SourceLoad.createTable(server);
            server.execute("INSERT INTO " + SourceLoad.TABLE + " (client, payload) VALUES (0, 'before the replica')");
            final String startFile = currentFile(server);
            try (ReplicaProcess replica = ReplicaProcess.start("export-current-" + flavor, server.host(), server.port(),
                server.replicationUser(), dataDir, logDir))
            {
                ReplicationChecks.awaitSemisyncConnected(replica, server, TIMEOUT);
                server.execute("INSERT INTO " + SourceLoad.TABLE + " (client, payload) VALUES (0, 'export-current-1')",
                    "FLUSH BINARY LOGS",
                    "INSERT INTO " + SourceLoad.TABLE + " (client, payload) VALUES (0, 'export-current-2')");
                ReplicationChecks.awaitStored(server, dataDir, SourceBinlog.lastSequence(server), TIMEOUT, replica);
                replica.stop();
            }
            final String nextFile = currentFile(server);
            final Path output = outputDirectory(flavor);
            try (RelayLog relayLog = RelayLog.open(new RelayLogConfig().directory(DataDirectory.relayLogOf(dataDir)).readOnly(true)
                .validate()))
            {
                final ExportResult result = BinlogExport.export(relayLog, output, ExportRange.ALL);
                assertThat(result.files()).containsExactly(startFile, nextFile);
                assertThat(result.filesFromTheirMiddle()).containsExactly(startFile);
                assertThat(decode(flavor, output, List.of(startFile))).as("the file held from its middle, read by the real reader")
                    .contains("'export-current-1'").doesNotContain("'before the replica'");
                assertThat(decode(flavor, output, List.of(startFile, nextFile))).contains("'export-current-2'");
            }
            finally
            {
                deleteTree(output);
            }
        }
    }

    private static String currentFile(final SourceServer server)
    {
        final List<List<String>> logs = server.query("SHOW BINARY LOGS");
        return logs.get(logs.size() - 1).get(0);
    }

    /**
     * The decoded export replayed by the flavor's own client into {@code target}, emptied first, gives the table whose
     * checksum is {@code expectedChecksum}.
     */
    private static void replayGives(final SourceServer target, final String decoded, final String expectedChecksum, final String what)
        throws IOException
    {
        target.execute("DROP DATABASE IF EXISTS semisync_it", target.flavor() == Flavor.MYSQL ? "RESET BINARY LOGS AND GTIDS" : "RESET MASTER");
        final Path sql = Files.createTempFile("export-replay", ".sql");
        final Path out = Files.createTempFile("export-replay", ".out");
        try
        {
            Files.writeString(sql, decoded);
            final String[] arguments = {"--host=127.0.0.1", "--port=" + target.port(), "--user=" + target.admin().name(),
                "--password=" + target.admin().password()};
            final List<String> command = target.flavor() == Flavor.MYSQL ? ClientPrograms.mysql(arguments) : ClientPrograms.mariadb(arguments);
            final Process client = new ProcessBuilder(command).redirectInput(sql.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
            if (!client.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
            {
                client.destroyForcibly().waitFor();
                throw new AssertionError("replaying " + what + " did not finish within " + TIMEOUT.toSeconds() + " s");
            }
            assertThat(client.exitValue()).as("exit code of the replay of " + what + "; output: " + Files.readString(out)).isZero();
            assertThat(checksum(target)).as("the table replayed from " + what + ", against the source's at that point")
                .isEqualTo(expectedChecksum);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
        finally
        {
            Files.deleteIfExists(sql);
            Files.deleteIfExists(out);
        }
    }

    /** MySQL's mysqlbinlog runs in its chroot, so its files go there. */
    private static Path outputDirectory(final Flavor flavor) throws IOException
    {
        final Path parent = flavor == Flavor.MYSQL ? Files.createDirectories(ClientPrograms.mysqlRoot().resolve("tmp"))
            : Path.of(System.getProperty("java.io.tmpdir"));
        return Files.createTempDirectory(parent, "export-it-").resolve("binlogs");
    }

    private static List<String> indexedFiles(final Path output) throws IOException
    {
        return Files.readAllLines(output.resolve("binlog.index")).stream().map(line -> line.substring("./".length())).toList();
    }

    /** The files decoded by the flavor's binlog reader, which must exit cleanly and warn of nothing. */
    private static String decode(final Flavor flavor, final Path output, final List<String> files)
    {
        final List<String> arguments = new ArrayList<>(List.of("--verify-binlog-checksum", "-vv"));
        for (final String file : files)
        {
            arguments.add(flavor == Flavor.MYSQL ? ClientPrograms.mysqlChrootPath(output.resolve(file)) : output.resolve(file).toString());
        }
        final String[] args = arguments.toArray(new String[0]);
        final ClientRun decoded = ClientRun.of(flavor == Flavor.MYSQL ? ClientPrograms.mysqlbinlog(args) : ClientPrograms.mariadbBinlog(args));
        assertThat(decoded.exitCode()).as("exit code of the binlog reader; stderr: " + decoded.stderr()).isZero();
        assertThat(decoded.stderr()).as("warnings and errors of the binlog reader").isEmpty();
        // a file left marked in use gets "# Warning: this binlog is either in use or was not closed properly." on stdout
        assertThat(decoded.stdout()).as("the decoded files").doesNotContainIgnoringCase("warning");
        return decoded.stdout();
    }

    private static List<String> gtids(final Flavor flavor, final String decoded)
    {
        final Matcher matcher = (flavor == Flavor.MYSQL ? MYSQL_GTID : MARIADB_GTID).matcher(decoded);
        final List<String> gtids = new ArrayList<>();
        while (matcher.find())
        {
            gtids.add(matcher.group(1));
        }
        return gtids;
    }

    /** The source's data directory on this machine (the MySQL server names it as seen from its chroot). */
    private static Path sourceDataDir(final SourceServer server)
    {
        final String dataDir = server.queryValue("SELECT @@global.datadir");
        return server.flavor() == Flavor.MYSQL ? ClientPrograms.mysqlRoot().resolve(dataDir.substring(1)) : Path.of(dataDir);
    }

    private static void deleteTree(final Path output) throws IOException
    {
        final Path root = output.getParent();
        try (var entries = Files.walk(root))
        {
            for (final Path path : entries.sorted((a, b) -> b.compareTo(a)).toList())
            {
                Files.delete(path);
            }
        }
    }
}
