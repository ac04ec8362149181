package io.semisync.storage.durability;

import io.semisync.storage.DurabilityException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PageCacheEvictionTest
{
    @Test
    void aSyncedFileReadsTheSameAfterItsPagesAreDropped(@TempDir final Path dir) throws IOException
    {
        final Path file = dir.resolve("records");
        final byte[] bytes = new byte[3 * 4096 + 17];
        for (int i = 0; i < bytes.length; i++)
        {
            bytes[i] = (byte)(i * 31);
        }
        Files.write(file, bytes);
        DirectorySync.fsyncFile(file);

        PageCacheEviction.evict(file);

        assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
    }

    @Test
    void aFileThatCannotBeOpenedIsNamedWithTheSystemsReason(@TempDir final Path dir)
    {
        final Path missing = dir.resolve("missing");

        assertThatThrownBy(() -> PageCacheEviction.evict(missing))
            .isInstanceOf(DurabilityException.class)
            .hasMessageContaining("cannot open " + missing + " to drop its pages from the page cache")
            .hasMessageContaining("No such file or directory");
    }
}
