package io.semisync.storage.relaylog;

import io.semisync.storage.RelayLogException;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a read-only opener of a relay log with compressed files reads: a private temporary directory with a link to
 * each file of the relay log, the plain content of each compressed one and a copy of Chronicle's metadata file, whose
 * directory listing the view's queue rebuilds (the relay log's own names only the plain files), so Chronicle Queue sees
 * every cycle and the relay log itself is left untouched (its writer may be running). It shows the files as they were when it was made;
 * {@link #close} deletes it. It needs free space for the compressed files' plain content.
 */
final class RelayLogView implements AutoCloseable
{
    private final Path directory;

    private RelayLogView(final Path directory)
    {
        this.directory = directory;
    }

    /** Whether {@code relayLogDirectory} holds compressed files, so that a read-only opener needs a view. */
    static boolean isNeeded(final Path relayLogDirectory)
    {
        try (Stream<Path> entries = Files.list(relayLogDirectory))
        {
            return entries.anyMatch(path -> RelayLogCompression.isCompressed(path.getFileName().toString()));
        }
        catch (final IOException ex)
        {
            throw new RelayLogException("cannot list relay log directory " + relayLogDirectory + ": " + ex.getMessage(), ex);
        }
    }

    /** Makes the view of {@code relayLogDirectory}. */
    static RelayLogView of(final Path relayLogDirectory)
    {
        final Path view;
        try
        {
            view = Files.createTempDirectory("semisync-relay-log-view-");
        }
        catch (final IOException ex)
        {
            throw new RelayLogException("cannot create a directory to read compressed relay log files in: " + ex.getMessage()
                + " (check java.io.tmpdir)", ex);
        }
        final RelayLogView opened = new RelayLogView(view);
        try (Stream<Path> entries = Files.list(relayLogDirectory))
        {
            final List<Path> files = entries.filter(Files::isRegularFile).toList();
            for (final Path file : files)
            {
                final String name = file.getFileName().toString();
                if (RelayLogCompression.isCompressed(name))
                {
                    final Path plain = view.resolve(RelayLogCompression.uncompressedName(name));
                    if (!Files.exists(plain))
                    {
                        RelayLogCompression.decompress(file, plain);
                    }
                }
                else if (name.equals(SingleChronicleQueue.QUEUE_METADATA_FILE))
                {
                    Files.copy(file, view.resolve(name));
                }
                else if (!name.endsWith(RelayLogCompression.PARTIAL_SUFFIX) && !Files.exists(view.resolve(name)))
                {
                    Files.createSymbolicLink(view.resolve(name), file.toAbsolutePath());
                }
            }
            return opened;
        }
        catch (final IOException | RuntimeException ex)
        {
            opened.close();
            throw ex instanceof RelayLogException relayLogException ? relayLogException
                : new RelayLogException("cannot make a view of relay log " + relayLogDirectory + " with its compressed files: "
                    + ex.getMessage(), ex);
        }
    }

    Path directory()
    {
        return directory;
    }

    @Override
    public void close()
    {
        try (Stream<Path> entries = Files.walk(directory))
        {
            for (final Path path : entries.sorted(Comparator.reverseOrder()).toList())
            {
                Files.deleteIfExists(path);
            }
        }
        catch (final IOException ex)
        {
            throw new RelayLogException("cannot delete the view " + directory + " of a relay log: " + ex.getMessage(), ex);
        }
    }
}
