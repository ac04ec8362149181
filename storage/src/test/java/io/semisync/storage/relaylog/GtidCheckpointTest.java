package io.semisync.storage.relaylog;

import io.semisync.storage.CorruptGtidCheckpointException;
import io.semisync.storage.RelayLogException;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GtidCheckpointTest
{
    private static final byte[] STATE = {9, 8, 7, 6, 5};

    @TempDir
    Path directory;

    @Test
    void savesAndReloadsTheCheckpoint()
    {
        final long covered;
        try (RelayLog relayLog = RelayLog.open(TestRelayLogs.config(directory));
            RelayLogWriter writer = relayLog.openWriter())
        {
            covered = TestRelayLogs.appendTransaction(writer, new EventMetadata(), 1, 2, true);
            TestRelayLogs.appendTransaction(writer, new EventMetadata(), 2, 2, true);
            assertThatThrownBy(() -> writer.writeGtidCheckpoint(covered, new UnsafeBuffer(STATE), 0, STATE.length))
                .isInstanceOf(RelayLogException.class)
                .hasMessageContaining("not durable");
            writer.sync();
            writer.writeGtidCheckpoint(covered, new UnsafeBuffer(STATE), 0, STATE.length);
            assertThat(relayLog.gtidCheckpoint()).contains(new GtidCheckpoint(covered, STATE));
        }
        try (RelayLog relayLog = RelayLog.open(TestRelayLogs.config(directory)))
        {
            assertThat(relayLog.gtidCheckpoint()).contains(new GtidCheckpoint(covered, STATE));
            assertThat(relayLog.scanCommittedGtids(covered, (index, kind, buffer, offset, length) -> { })).isEqualTo(1);
        }
    }

    @Test
    void theLogWinsOverACheckpointBeyondTheLastCommitPoint()
    {
        try (RelayLog relayLog = RelayLog.open(TestRelayLogs.config(directory));
            RelayLogWriter writer = relayLog.openWriter())
        {
            TestRelayLogs.appendTransaction(writer, new EventMetadata(), 1, 2, true);
            writer.sync();
        }
        new GtidCheckpointFile(directory).write(Long.MAX_VALUE - 1, new UnsafeBuffer(STATE), 0, STATE.length);

        try (RelayLog relayLog = RelayLog.open(TestRelayLogs.config(directory)))
        {
            assertThat(relayLog.gtidCheckpoint()).isEmpty();
        }
        assertThat(directory.resolve("gtid-checkpoint")).doesNotExist();
        assertThat(directory.resolve("gtid-checkpoint.discarded")).exists();
    }

    @Test
    void refusesADamagedCheckpoint() throws IOException
    {
        RelayLog.open(TestRelayLogs.config(directory)).close();
        new GtidCheckpointFile(directory).write(-1, new UnsafeBuffer(STATE), 0, STATE.length);
        final Path file = directory.resolve("gtid-checkpoint");
        final byte[] bytes = Files.readAllBytes(file);
        bytes[21] ^= 0x40;
        Files.write(file, bytes);

        assertThatThrownBy(() -> RelayLog.open(TestRelayLogs.config(directory)))
            .isInstanceOf(CorruptGtidCheckpointException.class)
            .hasMessageContaining("CRC-32");

        Files.write(file, new byte[]{1, 2, 3});
        assertThatThrownBy(() -> RelayLog.open(TestRelayLogs.config(directory)))
            .isInstanceOf(CorruptGtidCheckpointException.class)
            .hasMessageContaining("too short");
    }
}
