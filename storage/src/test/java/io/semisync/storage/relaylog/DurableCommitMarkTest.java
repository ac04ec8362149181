package io.semisync.storage.relaylog;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

class DurableCommitMarkTest
{
    @TempDir
    Path directory;

    @Test
    void readersSeeOnlyCommitPointsASyncMadeDurable()
    {
        final Path dir = directory.resolve("log");
        try (RelayLog relayLog = RelayLog.open(TestRelayLogs.config(dir));
            RelayLogWriter writer = relayLog.openWriter();
            RelayLog reading = RelayLog.open(TestRelayLogs.config(dir).readOnly(true)))
        {
            final EventMetadata metadata = new EventMetadata();
            assertThat(reading.durableCommitIndex()).isEqualTo(OptionalLong.of(-1));

            final long first = TestRelayLogs.appendTransaction(writer, metadata, 1, 3, true);
            assertThat(reading.durableCommitIndex()).as("appended, not synced").isEqualTo(OptionalLong.of(-1));

            writer.sync();
            assertThat(reading.durableCommitIndex()).isEqualTo(OptionalLong.of(first));

            TestRelayLogs.appendTransaction(writer, metadata, 2, 2, false);
            writer.sync();
            assertThat(reading.durableCommitIndex()).as("an incomplete transaction moves no commit point").isEqualTo(OptionalLong.of(first));
        }
    }

    @Test
    void reopenedWriterStartsFromTheRecoveredCommitPoint()
    {
        final Path dir = directory.resolve("log");
        final long last;
        try (RelayLog relayLog = RelayLog.open(TestRelayLogs.config(dir)); RelayLogWriter writer = relayLog.openWriter())
        {
            last = TestRelayLogs.appendTransaction(writer, new EventMetadata(), 1, 2, true);
            TestRelayLogs.appendTransaction(writer, new EventMetadata(), 2, 2, false);
        }
        try (RelayLog relayLog = RelayLog.open(TestRelayLogs.config(dir)); RelayLogWriter writer = relayLog.openWriter())
        {
            assertThat(writer.lastDurableCommitIndex()).isEqualTo(last);
            assertThat(relayLog.durableCommitIndex()).isEqualTo(OptionalLong.of(last));
        }
    }

    @Test
    void relayLogWithoutTheMarkHasNone() throws Exception
    {
        final Path dir = directory.resolve("log");
        try (RelayLog relayLog = RelayLog.open(TestRelayLogs.config(dir)); RelayLogWriter writer = relayLog.openWriter())
        {
            TestRelayLogs.appendTransaction(writer, new EventMetadata(), 1, 2, true);
        }
        Files.delete(dir.resolve(DurableCommitMark.FILE_NAME));

        try (RelayLog relayLog = RelayLog.open(TestRelayLogs.config(dir).readOnly(true)))
        {
            assertThat(relayLog.durableCommitIndex()).isEmpty();
        }
    }

    @Test
    void aMarkFileAPowerLossLeftShortIsMadeAgainByTheWriter() throws Exception
    {
        final Path dir = directory.resolve("log");
        final long last;
        try (RelayLog relayLog = RelayLog.open(TestRelayLogs.config(dir)); RelayLogWriter writer = relayLog.openWriter())
        {
            last = TestRelayLogs.appendTransaction(writer, new EventMetadata(), 1, 2, true);
        }
        Files.write(dir.resolve(DurableCommitMark.FILE_NAME), new byte[0]);

        try (RelayLog relayLog = RelayLog.open(TestRelayLogs.config(dir)); RelayLogWriter writer = relayLog.openWriter())
        {
            assertThat(writer.lastDurableCommitIndex()).isEqualTo(last);
            assertThat(relayLog.durableCommitIndex()).isEqualTo(OptionalLong.of(last));
        }
        assertThat(Files.size(dir.resolve(DurableCommitMark.FILE_NAME))).isEqualTo(Long.BYTES);
    }
}
