package io.semisync.it.replica;

import io.semisync.it.SourceRelease;
import io.semisync.replica.DataDirectory;
import io.semisync.sources.Flavor;
import io.semisync.sources.SourceServer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The relay log's fsync fails under a semisync load (the disk is {@link FaultyFileSystem}, which then loses what the
 * file was written since its last good fsync while the page cache keeps showing it, and lets the next fsync succeed, as
 * Linux does): the replica sends no ACK after it and stops with exit 1, saying what failed and what to do; every
 * transaction whose commit returned OK is on the disk, in the cycle files or the ACK journal. The failing file is a
 * cycle file (its background sync fails) or the ACK journal (the write before an ACK fails). Restarted on the same page cache, it recovers from what the disk
 * holds, not from what the page cache shows: the source sends the lost transactions again, and after the page cache is
 * gone (the file system mounted again) the relay log holds exactly the source's transactions, without a hole.
 */
class FailedSyncIT
{
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int CLIENTS = 4;
    private static final int COMMITS_BEFORE_THE_FAULT = 200;
    private static final int COMMITS_AFTER_THE_RESTART = 200;
    private static final long UNBOUNDED = Long.MAX_VALUE;

    /** The file whose sync fails, what the replica then says failed, and the replica's options. */
    enum FailingFile
    {
        /** Chronicle Queue's cycle files, the relay log's records, synced in the background while ACKs go through the journal. */
        CYCLE_FILE(".cq4", "fdatasync of \\S+\\.cq4 failed \\(Input/output error\\)"),
        /** The ACK journal, written with O_DSYNC before each ACK: FUSE syncs such a write with an fsync call. */
        ACK_JOURNAL("ack-journal", "O_DSYNC write of \\S+ack-journal failed \\(Input/output error\\)"),
        /** The cycle files without a journal ({@code --ack-journal-mb 0}): each ACK waits for their fdatasync. */
        CYCLE_FILE_WITHOUT_JOURNAL(".cq4", "fdatasync of \\S+\\.cq4 failed \\(Input/output error\\)", "--ack-journal-mb", "0");

        final String suffix;
        final String message;
        final String[] replicaArgs;

        FailingFile(final String suffix, final String message, final String... replicaArgs)
        {
            this.suffix = suffix;
            this.message = message;
            this.replicaArgs = replicaArgs;
        }
    }

    static Stream<Arguments> faults()
    {
        return Stream.of(Arguments.of(SourceRelease.MYSQL_9_7, FailingFile.CYCLE_FILE), Arguments.of(SourceRelease.MARIADB_10_11, FailingFile.CYCLE_FILE),
            Arguments.of(SourceRelease.MYSQL_9_7, FailingFile.ACK_JOURNAL), Arguments.of(SourceRelease.MARIADB_10_11, FailingFile.ACK_JOURNAL),
            Arguments.of(SourceRelease.MYSQL_9_7, FailingFile.CYCLE_FILE_WITHOUT_JOURNAL));
    }

    @ParameterizedTest
    @MethodSource("faults")
    void afterAFailedSyncNothingIsAcknowledgedAndTheRestartTrustsTheDiskNotThePageCache(final SourceRelease release, final FailingFile fault,
        @TempDir final Path dir)
    {
        final Flavor flavor = release.flavor();
        try (SourceServer server = release.start();
            FaultyFileSystem disk = FaultyFileSystem.mount(dir.resolve("faultfs")))
        {
            SourceLoad.createTable(server);
            final long first = SourceBinlog.lastSequence(server) + 1;
            final Path dataDir = disk.path().resolve("data");
            final Path logs = ReplicaLogs.directory(FailedSyncIT.class, release);
            final CommittedGtids committed = new CommittedGtids(flavor);
            try (ReplicaProcess failing = ReplicaProcess.start("replica", server.host(), server.port(), server.replicationUser(), dataDir, logs,
                fault.replicaArgs))
            {
                ReplicationChecks.awaitSemisyncConnected(failing, server, TIMEOUT);
                // from now on no commit returns OK without our ACK, however long we are away
                server.execute("SET GLOBAL " + flavor.semisyncPrefix() + (flavor == Flavor.MYSQL ? "_wait_no_replica" : "_wait_no_slave") + " = ON");
                final long noAckCommits = ReplicationChecks.semisyncStatus(server, "no_tx");
                try (SourceLoad load = SourceLoad.recording(server, CLIENTS, UNBOUNDED, committed))
                {
                    Waits.until(COMMITS_BEFORE_THE_FAULT + " acknowledged commits", TIMEOUT, () -> committed.size() >= COMMITS_BEFORE_THE_FAULT,
                        failing::logTail);
                    disk.failNextSyncs(1, fault.suffix);
                    Waits.until("the replica's exit after the failed sync", TIMEOUT, () -> !failing.isAlive(), failing::logTail);
                    final Set<String> acknowledged = committed.snapshot();

                    assertThat(disk.log()).as("what the file system did").contains("fsync failed (injected)");
                    assertThat(failing.exitValue()).as("the exit code after a failed sync").isEqualTo(1);
                    assertThat(failing.stderr()).as("what the replica says")
                        .containsPattern(fault.message)
                        .contains("nothing after it is acknowledged")
                        .contains("check the disk")
                        .contains("recovered from what the disk holds, not from the page cache");
                    assertThat(ReplicationChecks.semisyncStatus(server, "no_tx")).as("commits the source let through without our ACK")
                        .isEqualTo(noAckCommits);
                    final Path image = imageOf(disk.disk().resolve("data"), dir.resolve("image"));
                    final RelayLogContents cycleFilesOnDisk = RelayLogContents.read(image);
                    assertThat(DataDirectory.relayLogOf(dataDir).resolve("ack-journal")).as("the ACK journal")
                        .matches(journal -> Files.exists(journal) == (fault != FailingFile.CYCLE_FILE_WITHOUT_JOURNAL));
                    if (fault != FailingFile.ACK_JOURNAL)
                    {
                        // a failed write of the journal loses only its own bytes: the cycle files' writes all reach the disk
                        assertThat(RelayLogContents.read(dataDir).committedGtids()).as("what the page cache shows beyond the disk: what the failed sync lost")
                            .hasSizeGreaterThan(cycleFilesOnDisk.committedGtids().size());
                    }
                    final RelayLogContents onDisk = RelayLogContents.recoverAndRead(image);
                    assertThat(onDisk.committedGtids()).as("transactions on the disk after the failed sync, in the cycle files or the ACK journal")
                        .containsAll(acknowledged);

                    try (ReplicaProcess restarted = ReplicaProcess.start("restarted", server.host(), server.port(), server.replicationUser(), dataDir, logs,
                        fault.replicaArgs))
                    {
                        ReplicationChecks.awaitSemisyncConnected(restarted, server, TIMEOUT);
                        final List<String> durable = onDisk.committedGtids();
                        assertThat(restarted.stderr()).as("where the restarted replica resumes: after the disk's last transaction, "
                                + "not after the page cache's")
                            .containsPattern("streaming from .* after GTIDs \\[[^]]*[-:]" + sequenceOf(durable.get(durable.size() - 1)) + "]");
                        final int resumed = committed.size();
                        Waits.until(COMMITS_AFTER_THE_RESTART + " more acknowledged commits", TIMEOUT,
                            () -> committed.size() >= resumed + COMMITS_AFTER_THE_RESTART, restarted::logTail);
                        load.stop();
                        load.await(TIMEOUT);
                        final long last = SourceBinlog.lastSequence(server);
                        ReplicationChecks.awaitStored(server, dataDir, last, TIMEOUT, restarted);
                        restarted.stop();
                        disk.remount();
                        ReplicationChecks.assertHoldsExactly(server, dataDir, first, last);
                    }
                }
            }
        }
    }

    /** The number of a GTID, MySQL's {@code uuid:N} or MariaDB's {@code domain-server-N}. */
    private static String sequenceOf(final String gtid)
    {
        return gtid.substring(Math.max(gtid.lastIndexOf(':'), gtid.lastIndexOf('-')) + 1);
    }

    /** Copies the relay log's files as the disk holds them, without the page cache, into {@code image}. */
    private static Path imageOf(final Path dataDir, final Path image)
    {
        final Path relayLog = DataDirectory.relayLogOf(dataDir);
        try (Stream<Path> files = Files.list(relayLog))
        {
            final Path target = DataDirectory.relayLogOf(image);
            Files.createDirectories(target);
            for (final Path file : files.filter(Files::isRegularFile).toList())
            {
                Files.copy(file, target.resolve(file.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
            }
            return image;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot copy " + relayLog, ex);
        }
    }
}
