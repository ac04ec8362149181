package io.semisync.storage.durability;

import io.semisync.storage.DurabilityException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileForceDurabilityBarrierTest
{
    @TempDir
    Path directory;

    @Test
    void followsTheAppenderToANewFile() throws IOException
    {
        final File first = Files.writeString(directory.resolve("a.cq4"), "a").toFile();
        final File second = Files.writeString(directory.resolve("b.cq4"), "b").toFile();
        final AtomicReference<File> current = new AtomicReference<>(first);
        try (FileForceDurabilityBarrier barrier = new FileForceDurabilityBarrier(current::get, directory))
        {
            assertThat(barrier.isDurable()).isTrue();
            barrier.sync();
            assertThat(barrier.syncedFile()).isEqualTo(first);
            current.set(second);
            barrier.sync();
            assertThat(barrier.syncedFile()).isEqualTo(second);
        }
    }

    @Test
    void aPreparedSyncForcesTheCurrentFileFromAnotherThreadAfterSyncingAFileChangeAtOnce() throws Exception
    {
        final File first = Files.writeString(directory.resolve("a.cq4"), "a").toFile();
        final File second = Files.writeString(directory.resolve("b.cq4"), "b").toFile();
        final AtomicReference<File> current = new AtomicReference<>(first);
        try (FileForceDurabilityBarrier barrier = new FileForceDurabilityBarrier(current::get, directory))
        {
            final Runnable firstSync = barrier.prepareSync();
            assertThat(barrier.syncedFile()).as("the first file is switched to at once").isEqualTo(first);
            current.set(second);
            final Runnable secondSync = barrier.prepareSync();
            assertThat(barrier.syncedFile()).isEqualTo(second);

            final ExecutorService other = Executors.newSingleThreadExecutor();
            try
            {
                other.submit(firstSync).get();
                other.submit(secondSync).get();
                Files.delete(second.toPath());
                assertThatThrownBy(() -> other.submit(secondSync).get())
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(DurabilityException.class).hasMessageContaining("b.cq4");
            }
            finally
            {
                other.shutdownNow();
            }
        }
    }

    @Test
    void failsLoudlyWhenThereIsNoFileToForce()
    {
        try (FileForceDurabilityBarrier barrier = new FileForceDurabilityBarrier(() -> null, directory))
        {
            assertThatThrownBy(barrier::sync)
                .isInstanceOf(DurabilityException.class)
                .hasMessageContaining("no current file");
        }
        final File missing = directory.resolve("gone.cq4").toFile();
        try (FileForceDurabilityBarrier barrier = new FileForceDurabilityBarrier(() -> missing, directory))
        {
            assertThatThrownBy(barrier::sync)
                .isInstanceOf(DurabilityException.class)
                .hasMessageContaining("gone.cq4");
        }
    }

    @Test
    void directorySyncNamesWhatFailed()
    {
        assertThatThrownBy(() -> DirectorySync.fsyncDirectory(directory.resolve("nope")))
            .isInstanceOf(DurabilityException.class)
            .hasMessageContaining("fsync of directory");
        assertThat(new NoOpDurabilityBarrier().isDurable()).isFalse();
    }
}
