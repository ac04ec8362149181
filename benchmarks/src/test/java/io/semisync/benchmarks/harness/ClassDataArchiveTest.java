package io.semisync.benchmarks.harness;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClassDataArchiveTest
{
    @Test
    void theTrainingTurnWritesTheFileTheMeasuredTurnsMap(@TempDir final Path directory) throws IOException
    {
        final ClassDataArchive archive = ClassDataArchive.in(directory, "mysql-ours");
        final Path file = directory.resolve("mysql-ours.jsa").toAbsolutePath();
        assertThat(archive.writingFlags()).containsExactly("-XX:ArchiveClassesAtExit=" + file);
        Files.writeString(file, "archive");
        assertThat(archive.usingFlags()).containsExactly("-XX:SharedArchiveFile=" + file);
    }

    @Test
    void anArchiveOfAnEarlierRunIsRemovedSoThatNoMeasuredTurnMapsIt(@TempDir final Path directory) throws IOException
    {
        Files.writeString(directory.resolve("mariadb-ours.jsa"), "of an earlier build");
        final ClassDataArchive archive = ClassDataArchive.in(directory, "mariadb-ours");
        assertThat(directory.resolve("mariadb-ours.jsa")).doesNotExist();
        assertThatThrownBy(archive::usingFlags).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("wrote no class-data archive").hasMessageContaining("mariadb-ours.jsa");
    }
}
