package io.semisync.replica.cdc.kafka;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The Kafka sinks' status files in the replica's data directory: {@code kafka-sinks/<name>.status}, one per sink (topic
 * prefix and feed), rewritten whole (written aside, then renamed) by the sink process, read by the replica's admin
 * endpoint and metrics. Advisory: not synced, since a crash loses only a status the next write replaces.
 */
public final class KafkaSinkStatusFiles
{
    private static final Logger LOG = LoggerFactory.getLogger(KafkaSinkStatusFiles.class);
    private static final String DIRECTORY = "kafka-sinks";
    private static final String SUFFIX = ".status";

    private KafkaSinkStatusFiles()
    {
    }

    /** The status file of the sink {@code name} in the data directory {@code dataDir}. */
    public static Path fileOf(final Path dataDir, final String name)
    {
        return dataDir.resolve(DIRECTORY).resolve(name + SUFFIX);
    }

    /** The name of the sink whose status file is {@code file}. */
    static String nameOf(final Path file)
    {
        final String name = file.getFileName().toString();
        return name.substring(0, name.length() - SUFFIX.length());
    }

    /** Replaces the file with {@code status}. */
    static void write(final Path file, final KafkaSinkStatus status) throws IOException
    {
        Files.createDirectories(file.getParent());
        final Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temp, status.format(), StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Every sink's last status in the data directory {@code dataDir}, by name; a file that does not read is logged and left out. */
    public static List<KafkaSinkStatus> read(final Path dataDir)
    {
        final List<KafkaSinkStatus> statuses = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dataDir.resolve(DIRECTORY), "*" + SUFFIX))
        {
            for (final Path file : files)
            {
                try
                {
                    statuses.add(KafkaSinkStatus.parse(nameOf(file), Files.readString(file, StandardCharsets.UTF_8)));
                }
                catch (final IOException | IllegalArgumentException | DateTimeParseException ex)
                {
                    LOG.warn("the Kafka sink status file {} does not read ({}): left out of the status; delete it if no sink "
                        + "writes it any more", file, ex.toString());
                }
            }
        }
        catch (final NoSuchFileException none)
        {
            return List.of();
        }
        catch (final IOException ex)
        {
            LOG.warn("cannot list the Kafka sink status files in {}: {}", dataDir.resolve(DIRECTORY), ex.toString());
        }
        statuses.sort(Comparator.comparing(KafkaSinkStatus::name));
        return statuses;
    }
}
