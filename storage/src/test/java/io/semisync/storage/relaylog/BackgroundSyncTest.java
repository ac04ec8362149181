package io.semisync.storage.relaylog;

import io.semisync.storage.DurabilityException;
import io.semisync.storage.RelayLogException;
import io.semisync.storage.durability.DurabilityBarrier;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackgroundSyncTest
{
    private static final UnsafeBuffer EVENT = new UnsafeBuffer(new byte[64]);

    @TempDir
    Path directory;

    private final EventMetadata metadata = new EventMetadata().sourceFileName("binlog.000001");
    private SingleChronicleQueue queue;
    private ExcerptAppender appender;
    private RelayLog relayLog;

    @Test
    void aBackgroundSyncMakesWhatWasAppendedBeforeItDurableWhileAppendingGoesOn() throws InterruptedException
    {
        final GatedBarrier barrier = new GatedBarrier();
        final RelayLogWriter writer = writer(barrier);
        append(writer, 100, true);
        final long firstCommit = writer.lastAppendedIndex();

        assertThat(writer.syncInBackground()).isTrue();
        assertThat(barrier.started.await(10, TimeUnit.SECONDS)).isTrue();
        append(writer, 200, true);
        assertThat(writer.syncInBackground()).as("one background sync at a time").isFalse();
        assertThat(writer.lastDurableIndex()).as("not durable before the sync returns").isEqualTo(-1);

        barrier.release.countDown();
        TestRelayLogs.awaitBackgroundSync(writer);

        assertThat(writer.lastDurableIndex()).as("durable up to what was appended when it started").isEqualTo(firstCommit);
        assertThat(writer.lastDurableCommitEndPosition()).isEqualTo(100);
        assertThat(writer.syncInBackground()).isTrue();
        TestRelayLogs.awaitBackgroundSync(writer);
        assertThat(writer.lastDurableIndex()).isEqualTo(writer.lastAppendedIndex());
        assertThat(writer.lastDurableCommitEndPosition()).isEqualTo(200);
        assertThat(writer.syncInBackground()).as("nothing left to sync").isFalse();
        writer.close();
    }

    @Test
    void aForegroundSyncDoesNotWaitForABackgroundOneAndCoversEverything() throws InterruptedException
    {
        final GatedBarrier barrier = new GatedBarrier();
        final RelayLogWriter writer = writer(barrier);
        append(writer, 100, true);
        writer.syncInBackground();
        assertThat(barrier.started.await(10, TimeUnit.SECONDS)).isTrue();
        append(writer, 200, true);

        writer.sync();

        assertThat(writer.lastDurableIndex()).isEqualTo(writer.lastAppendedIndex());
        assertThat(writer.lastDurableCommitEndPosition()).isEqualTo(200);
        barrier.release.countDown();
        TestRelayLogs.awaitBackgroundSync(writer);
        assertThat(writer.lastDurableCommitEndPosition()).as("a late background sync never moves the point back").isEqualTo(200);
        writer.close();
    }

    @Test
    void aFailedBackgroundSyncFailsTheWriterAndNothingAfterItCountsAsDurable()
    {
        final GatedBarrier barrier = new GatedBarrier();
        barrier.fail = true;
        barrier.release.countDown();
        final RelayLogWriter writer = writer(barrier);
        append(writer, 100, true);
        writer.syncInBackground();
        TestRelayLogs.awaitBackgroundSync(writer);

        assertThat(writer.lastDurableIndex()).isEqualTo(-1);
        assertThatThrownBy(() -> append(writer, 200, true))
            .isInstanceOf(RelayLogException.class)
            .hasMessageContaining("must be reopened")
            .hasRootCauseMessage("simulated EIO in the background");
        assertThatThrownBy(writer::sync).isInstanceOf(RelayLogException.class);
        writer.close();
    }

    @Test
    void closeWaitsForARunningBackgroundSync() throws InterruptedException
    {
        final GatedBarrier barrier = new GatedBarrier();
        final RelayLogWriter writer = writer(barrier);
        append(writer, 100, true);
        writer.syncInBackground();
        assertThat(barrier.started.await(10, TimeUnit.SECONDS)).isTrue();
        final Thread closer = new Thread(writer::close);
        closer.start();
        closer.join(200);
        assertThat(closer.isAlive()).as("close waits for the sync").isTrue();

        barrier.release.countDown();
        closer.join(10_000);

        assertThat(closer.isAlive()).isFalse();
        assertThat(barrier.completed.get()).isEqualTo(1);
    }

    @BeforeEach
    void open()
    {
        queue = SingleChronicleQueueBuilder.binary(directory).rollCycle(RelayLogConfig.DEFAULT_ROLL_CYCLE).build();
        appender = queue.createAppender();
        relayLog = RelayLog.open(TestRelayLogs.config(directory.resolve("log")));
    }

    @AfterEach
    void close()
    {
        relayLog.close();
        appender.close();
        queue.close();
    }

    private RelayLogWriter writer(final DurabilityBarrier barrier)
    {
        return new RelayLogWriter(relayLog, appender, barrier, DurableCommitMark.openForWriter(directory, -1), 1 << 20,
            new RecoveredPosition(-1, null, 0, 0), null, 0);
    }

    private void append(final RelayLogWriter writer, final long endPosition, final boolean commit)
    {
        writer.append(metadata.endPosition(endPosition).flags(commit ? RecordFlags.TRANSACTION_END : 0), EVENT, 0, EVENT.capacity());
    }

    /** A barrier whose background syncs wait until released, and can fail. */
    private static final class GatedBarrier implements DurabilityBarrier
    {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger completed = new AtomicInteger();
        volatile boolean fail;

        @Override
        public void sync()
        {
        }

        @Override
        public Runnable prepareSync()
        {
            return () ->
            {
                started.countDown();
                try
                {
                    release.await();
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
                if (fail)
                {
                    throw new DurabilityException("simulated EIO in the background");
                }
                completed.incrementAndGet();
            };
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
    }
}
