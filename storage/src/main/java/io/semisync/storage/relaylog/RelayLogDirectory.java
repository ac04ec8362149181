package io.semisync.storage.relaylog;

import io.semisync.storage.NotARelayLogException;
import io.semisync.storage.durability.DirectorySync;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Checks that a directory is a relay log before Chronicle touches it, and marks new ones. A relay log directory
 * holds a marker file written (atomically, durably) when it is created; a non-empty directory without it is refused,
 * so pointing the replica at the wrong directory never scribbles Chronicle files into it.
 */
final class RelayLogDirectory
{
    static final String MARKER_FILE_NAME = "semisync-relay-log";
    private static final String MARKER_CONTENT = "semisync-replica relay log, record format " +
        RecordLayout.FORMAT_VERSION + "\n";
    private static final String MARKER_PREFIX = "semisync-replica relay log";
    private static final int NAMES_SHOWN = 5;

    private RelayLogDirectory()
    {
    }

    /**
     * @param directory the relay log directory.
     * @param readOnly  whether a missing or empty directory is an error rather than a new relay log.
     * @throws NotARelayLogException if the path is not a relay log (and cannot become one).
     */
    static void prepare(final Path directory, final boolean readOnly)
    {
        try
        {
            if (Files.exists(directory) && !Files.isDirectory(directory))
            {
                throw new NotARelayLogException(directory + " is not a relay log: it is a file, not a directory");
            }
            final List<String> names = Files.exists(directory) ? list(directory) : List.of();
            if (names.isEmpty())
            {
                if (readOnly)
                {
                    throw new NotARelayLogException(directory + " is not a relay log: it is missing or empty");
                }
                create(directory);
                return;
            }
            final Path marker = directory.resolve(MARKER_FILE_NAME);
            if (!Files.isRegularFile(marker))
            {
                throw new NotARelayLogException(directory + " is not a relay log: it has no '" + MARKER_FILE_NAME +
                    "' marker file; found " + names.subList(0, Math.min(NAMES_SHOWN, names.size())) +
                    (names.size() > NAMES_SHOWN ? " and " + (names.size() - NAMES_SHOWN) + " more" : ""));
            }
            final String content = Files.readString(marker, StandardCharsets.UTF_8);
            if (!content.startsWith(MARKER_PREFIX))
            {
                throw new NotARelayLogException(directory + " is not a relay log: its marker file " + marker +
                    " holds '" + content.strip() + "'");
            }
        }
        catch (final IOException ex)
        {
            throw new NotARelayLogException("cannot inspect relay log directory " + directory, ex);
        }
    }

    private static List<String> list(final Path directory) throws IOException
    {
        try (Stream<Path> entries = Files.list(directory))
        {
            return entries.map(path -> path.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    private static void create(final Path directory) throws IOException
    {
        Files.createDirectories(directory);
        final Path temp = directory.resolve(MARKER_FILE_NAME + ".tmp");
        Files.writeString(temp, MARKER_CONTENT, StandardCharsets.UTF_8);
        DirectorySync.fsyncFile(temp);
        Files.move(temp, directory.resolve(MARKER_FILE_NAME), StandardCopyOption.ATOMIC_MOVE);
        DirectorySync.fsyncDirectory(directory);
        final Path parent = directory.toAbsolutePath().getParent();
        if (parent != null)
        {
            DirectorySync.fsyncDirectory(parent);
        }
    }
}
