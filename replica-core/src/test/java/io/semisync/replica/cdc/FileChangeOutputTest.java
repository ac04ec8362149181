package io.semisync.replica.cdc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileChangeOutputTest
{
    @TempDir
    Path dir;

    private static void write(final ChangeOutput output, final String line)
    {
        final byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        output.writeLine(bytes, bytes.length);
    }

    @Test
    void newFileStartsAtTheStart()
    {
        try (FileChangeOutput output = FileChangeOutput.open(dir.resolve("changes.jsonl")))
        {
            assertThat(output.lastPosition()).isEqualTo(ChangePosition.START);
        }
    }

    @Test
    void reopenedFileResumesAfterItsLastLine() throws IOException
    {
        final Path file = dir.resolve("changes.jsonl");
        try (FileChangeOutput output = FileChangeOutput.open(file))
        {
            write(output, "{\"position\":\"7:1\",\"op\":\"c\"}");
            write(output, "{\"position\":\"7:2\",\"op\":\"u\"}");
            output.flush();
            write(output, "{\"position\":\"12:1\",\"op\":\"d\"}");
        }

        try (FileChangeOutput output = FileChangeOutput.open(file))
        {
            assertThat(output.lastPosition()).isEqualTo(new ChangePosition(12, 1));
        }
        assertThat(Files.readAllLines(file)).hasSize(3);
    }

    @Test
    void tornLastLineIsTruncatedAndThePositionBeforeItCounts() throws IOException
    {
        final Path file = dir.resolve("changes.jsonl");
        Files.writeString(file, "{\"position\":\"7:1\",\"op\":\"c\"}\n{\"position\":\"7:2\",\"op\":\"u\",\"aft");

        try (FileChangeOutput output = FileChangeOutput.open(file))
        {
            assertThat(output.lastPosition()).isEqualTo(new ChangePosition(7, 1));
            write(output, "{\"position\":\"7:2\",\"op\":\"u\"}");
        }

        assertThat(Files.readString(file)).isEqualTo("{\"position\":\"7:1\",\"op\":\"c\"}\n{\"position\":\"7:2\",\"op\":\"u\"}\n");
    }

    @Test
    void lineLongerThanTheBatchIsWrittenWhole() throws IOException
    {
        final Path file = dir.resolve("changes.jsonl");
        final String longLine = "{\"position\":\"3:1\",\"after\":\"" + "x".repeat(200_000) + "\"}";
        try (FileChangeOutput output = FileChangeOutput.open(file))
        {
            write(output, "{\"position\":\"2:1\"}");
            write(output, longLine);
        }

        try (FileChangeOutput output = FileChangeOutput.open(file))
        {
            assertThat(output.lastPosition()).isEqualTo(new ChangePosition(3, 1));
        }
        assertThat(Files.readAllLines(file)).containsExactly("{\"position\":\"2:1\"}", longLine);
    }

    @Test
    void secondWriterOfTheSameFileIsRefused()
    {
        final Path file = dir.resolve("changes.jsonl");
        try (FileChangeOutput first = FileChangeOutput.open(file))
        {
            assertThat(first.lastPosition()).isEqualTo(ChangePosition.START);
            assertThatThrownBy(() -> FileChangeOutput.open(file)).isInstanceOf(CdcException.class)
                .hasMessageContaining("another process writes to " + file);
        }
    }

    @Test
    void fileOfSomethingElseIsRefused() throws IOException
    {
        final Path file = dir.resolve("notes.txt");
        Files.writeString(file, "shopping list\n");

        assertThatThrownBy(() -> FileChangeOutput.open(file)).isInstanceOf(CdcException.class)
            .hasMessageContaining("does not start with a \"position\" field");
    }

    @Test
    void missingDirectoryIsNamed()
    {
        final Path file = dir.resolve("no/such/dir/changes.jsonl");

        assertThatThrownBy(() -> FileChangeOutput.open(file)).isInstanceOf(CdcException.class)
            .hasMessageContaining("cannot open the output file " + file);
    }
}
