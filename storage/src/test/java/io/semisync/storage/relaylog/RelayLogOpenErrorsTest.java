package io.semisync.storage.relaylog;

import io.semisync.storage.NotARelayLogException;
import io.semisync.storage.RelayLogConfigException;
import io.semisync.storage.RelayLogException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RelayLogOpenErrorsTest
{
    @TempDir
    Path directory;

    @Test
    void refusesADirectoryWithForeignFilesAndLeavesItUntouched() throws IOException
    {
        Files.writeString(directory.resolve("ibdata1"), "precious");
        Files.writeString(directory.resolve("notes.txt"), "keep");

        assertThatThrownBy(() -> RelayLog.open(TestRelayLogs.config(directory)))
            .isInstanceOf(NotARelayLogException.class)
            .hasMessageContaining("no 'semisync-relay-log' marker file")
            .hasMessageContaining("[ibdata1, notes.txt]");
        try (var entries = Files.list(directory))
        {
            assertThat(entries.map(path -> path.getFileName().toString())).containsExactlyInAnyOrder(
                "ibdata1", "notes.txt");
        }
    }

    @Test
    void refusesAFileAndAMissingDirectoryWhenReadOnly() throws IOException
    {
        final Path file = Files.writeString(directory.resolve("relay"), "x");
        assertThatThrownBy(() -> RelayLog.open(TestRelayLogs.config(file)))
            .isInstanceOf(NotARelayLogException.class)
            .hasMessageContaining("it is a file, not a directory");
        assertThatThrownBy(() -> RelayLog.open(TestRelayLogs.config(directory.resolve("missing")).readOnly(true)))
            .isInstanceOf(NotARelayLogException.class)
            .hasMessageContaining("missing or empty");
    }

    @Test
    void refusesAForeignMarker() throws IOException
    {
        Files.writeString(directory.resolve("semisync-relay-log"), "something else");
        assertThatThrownBy(() -> RelayLog.open(TestRelayLogs.config(directory)))
            .isInstanceOf(NotARelayLogException.class)
            .hasMessageContaining("holds 'something else'");
    }

    @Test
    void createsAMissingDirectoryAndRefusesWritersWhenReadOnly()
    {
        final Path created = directory.resolve("a").resolve("relay");
        RelayLog.open(TestRelayLogs.config(created)).close();
        assertThat(created.resolve("semisync-relay-log")).isRegularFile();
        try (RelayLog relayLog = RelayLog.open(TestRelayLogs.config(created).readOnly(true)))
        {
            assertThatThrownBy(relayLog::openWriter).isInstanceOf(RelayLogException.class)
                .hasMessageContaining("read-only");
        }
    }

    @Test
    void validatesSettings()
    {
        assertThatThrownBy(() -> new RelayLogConfig().validate())
            .isInstanceOf(RelayLogConfigException.class).hasMessageContaining("directory is not set");
        assertThatThrownBy(() -> TestRelayLogs.config(directory).blockSize(3_000_000).validate())
            .isInstanceOf(RelayLogConfigException.class).hasMessageContaining("got 3000000");
        assertThatThrownBy(() -> TestRelayLogs.config(directory).ackJournalSize(RelayLogConfig.MAX_ACK_JOURNAL_SIZE + AckJournal.BLOCK).validate())
            .isInstanceOf(RelayLogConfigException.class).hasMessageContaining("0 (none) or a multiple of 4096 bytes in");
        assertThatThrownBy(() -> TestRelayLogs.config(directory).ackJournalSize(RelayLogConfig.MIN_ACK_JOURNAL_SIZE + 1).validate())
            .isInstanceOf(RelayLogConfigException.class).hasMessageContaining("got " + (RelayLogConfig.MIN_ACK_JOURNAL_SIZE + 1));
        assertThatThrownBy(() -> TestRelayLogs.config(directory).retentionMaxAge(Duration.ZERO).validate())
            .isInstanceOf(RelayLogConfigException.class).hasMessageContaining("max age must be positive");
        assertThatThrownBy(() -> TestRelayLogs.config(directory).retentionMaxBytes(-1).validate())
            .isInstanceOf(RelayLogConfigException.class).hasMessageContaining("got -1");
    }
}
