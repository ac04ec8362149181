package io.semisync.replica.cli;

import io.semisync.protocol.binlog.BinlogEventType;
import io.semisync.protocol.server.AuthMethod;
import io.semisync.protocol.server.ServerUser;
import io.semisync.replica.DataDirectory;
import io.semisync.storage.relaylog.EventMetadata;
import io.semisync.storage.relaylog.RecordFlags;
import io.semisync.storage.relaylog.RelayLog;
import io.semisync.storage.relaylog.RelayLogConfig;
import io.semisync.storage.relaylog.RelayLogWriter;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class SemisyncReplicaCommandTest
{
    private static final String ANALYTICS = "chronicle.analytics.disable";

    @TempDir
    Path dataDir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;
    private String originalAnalytics;

    @BeforeEach
    void captureOutput()
    {
        originalOut = System.out;
        originalErr = System.err;
        originalAnalytics = System.getProperty(ANALYTICS);
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreOutput()
    {
        System.setOut(originalOut);
        System.setErr(originalErr);
        if (originalAnalytics != null)
        {
            System.setProperty(ANALYTICS, originalAnalytics);
        }
    }

    private String stdout()
    {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr()
    {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void runWithoutUserFailsWithAClearMessage()
    {
        final int exitCode = SemisyncReplicaCommand.execute("run", "--data-dir", dataDir.toString(), "--password-file",
            dataDir.resolve("missing-password").toString());

        assertThat(exitCode).isNotZero();
        assertThat(stderr()).contains("--password-file");

        err.reset();
        final int second = SemisyncReplicaCommand.execute("run", "--data-dir", dataDir.toString(), "--password-env", "SEMISYNC_TEST_UNSET_VARIABLE");

        assertThat(second).isNotZero();
        assertThat(stderr()).contains("no replication user").contains("--user");
    }

    @Test
    void helpListsEverySettingWithItsDefaultFromTheSettingsTable()
    {
        assertThat(SemisyncReplicaCommand.execute("run", "--help")).isZero();

        assertThat(stdout())
            .contains("--source-host=HOST", "Source host (default: 127.0.0.1).")
            .contains("--semisync, --rpl-semi-sync-", "--rpl-semi-sync-slave-enabled", "--rpl-semi-sync-replica-enabled")
            .contains("--heartbeat-ms=MILLIS", "--tls-mode=VALUE", "VERIFY_CA, VERIFY_IDENTITY) (default: PREFERRED).");
    }

    @Test
    void configFileAndFlagsAreReadAlikeAndFlagsWin() throws Exception
    {
        final Path config = java.nio.file.Files.writeString(dataDir.resolve("replica.properties"),
            "source-port = 70000\nheartbeat_ms = 0\nsource-hots = db1\n");

        final int exitCode = SemisyncReplicaCommand.execute("run", "--config", config.toString(), "--source-port", "3310",
            "--data-dir", dataDir.toString(), "--password-env", "SEMISYNC_TEST_UNSET_VARIABLE", "--semisync", "maybe");

        assertThat(exitCode).isEqualTo(2);
        assertThat(stderr())
            .doesNotContain("70000")
            .contains("--heartbeat-ms: 0 is not in 1..3600000")
            .contains("unknown setting 'source-hots' in config file " + config)
            .contains("--semisync: 'maybe' is not a boolean (ON or OFF, 1 or 0, true or false) (from --semisync)")
            .contains("no replication user");
    }

    @Test
    void aMissingConfigFileIsNamed()
    {
        final int exitCode = SemisyncReplicaCommand.execute("run", "--config", dataDir.resolve("missing.properties").toString());

        assertThat(exitCode).isEqualTo(2);
        assertThat(stderr()).contains("cannot read the config file " + dataDir.resolve("missing.properties"));
    }

    @Test
    void passwordHashPrintsTheStoredHashOfThePasswordOnStandardInput()
    {
        final java.io.InputStream originalIn = System.in;
        try
        {
            System.setIn(new java.io.ByteArrayInputStream("s3cret\n".getBytes(StandardCharsets.UTF_8)));
            assertThat(SemisyncReplicaCommand.execute("password-hash")).isZero();
            assertThat(stdout().strip()).isEqualTo(ServerUser.storedHash(AuthMethod.CACHING_SHA2_PASSWORD, "s3cret")).startsWith("$sha2$");

            out.reset();
            System.setIn(new java.io.ByteArrayInputStream("s3cret\n".getBytes(StandardCharsets.UTF_8)));
            assertThat(SemisyncReplicaCommand.execute("password-hash", "--user", "dba", "--admin-auth-method", "mysql_native_password"))
                .isZero();
            assertThat(stdout().strip()).isEqualTo("dba " + ServerUser.storedHash(AuthMethod.MYSQL_NATIVE_PASSWORD, "s3cret"));

            System.setIn(new java.io.ByteArrayInputStream(new byte[0]));
            assertThat(SemisyncReplicaCommand.execute("password-hash")).isEqualTo(2);
            assertThat(stderr()).contains("no password on standard input");
        }
        finally
        {
            System.setIn(originalIn);
        }
    }

    @Test
    void theLauncherTurnsChronicleAnalyticsOff()
    {
        System.clearProperty(ANALYTICS);

        SemisyncReplicaCommand.execute("--version");

        assertThat(System.getProperty(ANALYTICS)).isEqualTo("true");
        assertThat(stdout()).contains("semisync-replica");
    }

    @Test
    void exportOfADirectoryWithoutRelayLogFailsAndWritesNothing()
    {
        final Path output = dataDir.resolve("export");
        final int exitCode = SemisyncReplicaCommand.execute("export", "--data-dir", dataDir.toString(), "--output", output.toString());

        assertThat(exitCode).isNotZero();
        assertThat(stderr()).contains(dataDir.toString()).contains("holds no relay log").contains("--data-dir");
        assertThat(output).doesNotExist();
    }

    @Test
    void exportChecksItsUntilOptions()
    {
        final String[] common = {"export", "--data-dir", dataDir.toString(), "--output", dataDir.resolve("export").toString()};

        assertThat(SemisyncReplicaCommand.execute(concat(common, "--exclude-until-gtid"))).isNotZero();
        assertThat(stderr()).contains("--exclude-until-gtid needs --until-gtid");
        err.reset();
        assertThat(SemisyncReplicaCommand.execute(concat(common, "--stop-datetime", "yesterday"))).isNotZero();
        assertThat(stderr()).contains("--stop-datetime").contains("yesterday");
        err.reset();
        assertThat(SemisyncReplicaCommand.execute(concat(common, "--stop-datetime", "2026-12-06T15:20:00Z"))).isNotZero();
        assertThat(stderr()).as("a valid time passes on to the data directory check").contains("holds no relay log");
    }

    private static String[] concat(final String[] first, final String... more)
    {
        final String[] all = Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

    @Test
    void cdcOfADirectoryWithoutRelayLogFails()
    {
        assertThat(SemisyncReplicaCommand.execute("cdc", "--data-dir", dataDir.toString())).isEqualTo(2);

        assertThat(stderr()).contains(dataDir.toString()).contains("holds no relay log").contains("--data-dir");
        assertThat(stdout()).isEmpty();
    }

    @Test
    void cdcChecksItsOptions()
    {
        writeRelayLog();
        final String[] common = {"cdc", "--data-dir", dataDir.toString()};

        assertThat(SemisyncReplicaCommand.execute(concat(common, "--output", dataDir.resolve("changes.jsonl").toString(),
            "--from-position", "1:1"))).isEqualTo(2);
        assertThat(stderr()).contains("--from-position is for standard output");
        err.reset();
        assertThat(SemisyncReplicaCommand.execute(concat(common, "--from-position", "banana"))).isEqualTo(1);
        assertThat(stderr()).contains("'banana' is not a change position");
        err.reset();
        assertThat(SemisyncReplicaCommand.execute(concat(common, "--include", "a.b.c"))).isEqualTo(1);
        assertThat(stderr()).contains("'a.b.c' is not a table pattern");
        err.reset();
        assertThat(SemisyncReplicaCommand.execute(concat(common, "--cdc-max-uncompressed-bytes", "0"))).isEqualTo(2);
        assertThat(stderr()).contains("--cdc-max-uncompressed-bytes");
        assertThat(stdout()).isEmpty();
    }

    @Test
    void dumpOfADirectoryWithoutRelayLogFails()
    {
        final int exitCode = SemisyncReplicaCommand.execute("dump", "--data-dir", dataDir.toString());

        assertThat(exitCode).isNotZero();
        assertThat(stderr()).contains(dataDir.toString()).contains("holds no relay log");
        assertThat(stdout()).isEmpty();
    }

    @Test
    void dumpWithoutDataDirIsAUsageError()
    {
        final int exitCode = SemisyncReplicaCommand.execute("dump");

        assertThat(exitCode).isNotZero();
        assertThat(stderr()).contains("--data-dir");
    }

    @Test
    void dumpPrintsOneLinePerStoredEvent()
    {
        writeRelayLog();

        final int exitCode = SemisyncReplicaCommand.execute("dump", "--data-dir", dataDir.toString());

        assertThat(exitCode).isZero();
        final String[] lines = stdout().split("\n");
        final String gtid = "3e11fa47-71ca-11e1-9e33-c80aa9429562:3";
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).matches("\\d+\tGTID\tbinlog\\.000003:666\t" + gtid + "\t2026-11-18T11:06:40Z\t-");
        assertThat(lines[1]).matches("\\d+\tWRITE_ROWS\tbinlog\\.000003:832\t" + gtid + "\t2026-11-18T11:06:40Z\t-");
        assertThat(lines[2]).matches("\\d+\tXID\tbinlog\\.000003:863\t" + gtid + "\t2026-11-18T11:06:40Z\tcommit\tack");
        final long first = Long.parseLong(lines[0].split("\t")[0]);
        assertThat(lines[1]).startsWith((first + 1) + "\t");
        assertThat(lines[2]).startsWith((first + 2) + "\t");

        out.reset();
        assertThat(SemisyncReplicaCommand.execute("dump", "--data-dir", dataDir.toString(), "--limit", "2")).isZero();
        assertThat(stdout().split("\n")).hasSize(2);
    }

    private void writeRelayLog()
    {
        final byte[] uuidAndGno = new byte[24];
        final UnsafeBuffer gtid = new UnsafeBuffer(uuidAndGno);
        gtid.putLong(0, 0x3e11fa4771ca11e1L, ByteOrder.BIG_ENDIAN);
        gtid.putLong(8, 0x9e33c80aa9429562L, ByteOrder.BIG_ENDIAN);
        final UnsafeBuffer event = new UnsafeBuffer(new byte[40]);
        try (RelayLog relayLog = RelayLog.open(new RelayLogConfig().directory(DataDirectory.relayLogOf(dataDir)).blockSize(4L << 20).validate());
            RelayLogWriter writer = relayLog.openWriter())
        {
            final EventMetadata metadata = new EventMetadata().sourceFileName("binlog.000003").eventTimestamp(1_795_000_000L)
                .mysqlGtid(gtid, 0, 3);
            writer.append(metadata.eventType(BinlogEventType.GTID).endPosition(666).flags(0), event, 0, 40);
            writer.append(metadata.eventType(BinlogEventType.WRITE_ROWS_V2).endPosition(832).flags(0), event, 0, 40);
            writer.append(metadata.eventType(BinlogEventType.XID).endPosition(863)
                .flags(RecordFlags.TRANSACTION_END | RecordFlags.ACK_REQUESTED), event, 0, 40);
            writer.sync();
        }
    }
}
