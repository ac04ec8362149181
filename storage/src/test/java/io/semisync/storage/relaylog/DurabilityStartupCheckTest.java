package io.semisync.storage.relaylog;

import io.semisync.storage.DurabilityException;
import io.semisync.storage.RelayLogException;
import io.semisync.storage.durability.DurabilityBarrier;
import io.semisync.storage.durability.FileForceDurabilityBarrier;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurabilityStartupCheckTest
{
    @TempDir
    Path directory;

    @Test
    void passesWithARealBarrierAndReadersNeverSeeTheProbe()
    {
        try (RelayLog relayLog = RelayLog.open(TestRelayLogs.config(directory)))
        {
            relayLog.openWriter().close();
            assertThat(TestRelayLogs.readAll(relayLog)).isEmpty();
        }
    }

    @Test
    void failsLoudlyWhenTheSyncFails()
    {
        try (SingleChronicleQueue queue = queue(); ExcerptAppender appender = queue.createAppender())
        {
            assertThatThrownBy(() -> DurabilityStartupCheck.verify(appender, failingBarrier(), directory))
                .isInstanceOf(DurabilityException.class)
                .hasMessageContaining("simulated EIO");
        }
    }

    @Test
    void failsLoudlyWhenTheSyncedFileIsNotTheRelayLog(@TempDir final Path elsewhere)
    {
        try (SingleChronicleQueue queue = queue(); ExcerptAppender appender = queue.createAppender();
            FileForceDurabilityBarrier barrier = new FileForceDurabilityBarrier(appender::currentFile, directory))
        {
            assertThatThrownBy(() -> DurabilityStartupCheck.verify(appender, barrier, elsewhere))
                .isInstanceOf(DurabilityException.class)
                .hasMessageContaining("syncing would not cover the relay log");
        }
    }

    @Test
    void writerRefusesAllWorkAfterAFailedSync()
    {
        try (SingleChronicleQueue queue = queue(); ExcerptAppender appender = queue.createAppender();
            RelayLog relayLog = RelayLog.open(TestRelayLogs.config(directory.resolve("log"))))
        {
            final RelayLogWriter writer = new RelayLogWriter(relayLog, appender, failingBarrier(),
                DurableCommitMark.openForWriter(directory, -1), 1 << 20,
                new RecoveredPosition(-1, null, 0, 0), null, 0);
            final EventMetadata metadata = new EventMetadata().sourceFileName("b.1");
            final UnsafeBuffer event = new UnsafeBuffer(new byte[8]);
            writer.append(metadata, event, 0, 8);

            assertThatThrownBy(writer::sync).isInstanceOf(DurabilityException.class);
            assertThat(writer.lastDurableIndex()).isEqualTo(-1);
            assertThatThrownBy(() -> writer.append(metadata, event, 0, 8))
                .isInstanceOf(RelayLogException.class)
                .hasMessageContaining("must be reopened");
        }
    }

    private SingleChronicleQueue queue()
    {
        return SingleChronicleQueueBuilder.binary(directory).rollCycle(RelayLogConfig.DEFAULT_ROLL_CYCLE).build();
    }

    private static DurabilityBarrier failingBarrier()
    {
        return new DurabilityBarrier()
        {
            @Override
            public void sync()
            {
                throw new DurabilityException("simulated EIO");
            }

            @Override
            public boolean isDurable()
            {
                return true;
            }

            @Override
            public void close()
            {
            }
        };
    }
}
