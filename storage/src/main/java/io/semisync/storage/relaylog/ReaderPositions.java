package io.semisync.storage.relaylog;

import io.semisync.storage.DurabilityException;
import io.semisync.storage.RelayLogException;
import io.semisync.storage.durability.DirectorySync;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registry of readers whose position retention respects: a downstream replica served from the relay log, a change
 * feed's position. Retention deletes no file holding a record at or after a registered reader's needed index, unless
 * the relay log outgrows the cap ({@link RelayLogConfig#retentionReaderMaxBytes}); then it deletes as it would without
 * readers, and each reader that lost records it needed is told so, by name, at its next {@link RegisteredReader#advance}.
 * A registration lasts until {@link #unregister}, across disconnects and restarts: the registry is kept in the file
 * {@value #FILE_NAME} of the relay-log directory (one {@code name index} line per reader, and the message of one that
 * fell behind), written atomically when a reader registers or leaves and before each retention pass, so after a crash
 * a reader's saved position is at or before where it was.
 */
public final class ReaderPositions
{
    /** A needed index that keeps everything the relay log holds. */
    public static final long FROM_OLDEST = -1;
    static final String FILE_NAME = "reader-positions";
    private static final String TEMP_SUFFIX = ".tmp";
    private static final char SEPARATOR = '\t';

    private final Path directory;
    private final boolean readOnly;
    private final Map<String, RegisteredReader> readers = new ConcurrentHashMap<>();

    private ReaderPositions(final Path directory, final boolean readOnly)
    {
        this.directory = directory;
        this.readOnly = readOnly;
    }

    /** The registry saved in {@code directory}, empty if none was. */
    static ReaderPositions load(final Path directory, final boolean readOnly)
    {
        final ReaderPositions positions = new ReaderPositions(directory, readOnly);
        final Path file = directory.resolve(FILE_NAME);
        try
        {
            for (final String line : Files.readAllLines(file, StandardCharsets.UTF_8))
            {
                if (!line.isBlank())
                {
                    positions.add(file, line);
                }
            }
        }
        catch (final NoSuchFileException ex)
        {
            return positions;
        }
        catch (final IOException ex)
        {
            throw new RelayLogException("cannot read the registered readers in " + file + ": " + ex.getMessage(), ex);
        }
        return positions;
    }

    private void add(final Path file, final String line)
    {
        final String[] fields = line.split(String.valueOf(SEPARATOR), 3);
        try
        {
            final String fellBehind = fields.length == 3 ? fields[2] : null;
            readers.put(fields[0], new RegisteredReader(fields[0], Long.parseLong(fields[1]), fellBehind));
        }
        catch (final RuntimeException ex)
        {
            throw new RelayLogException("the registered readers file " + file + " holds a line that is not 'name<TAB>index': '" + line
                + "'; fix or delete the line (that reader then registers again from where it asks)", ex);
        }
    }

    /**
     * Registers {@code name}, or takes over its registration: it needs the relay log from {@code neededIndex} on
     * ({@link #FROM_OLDEST} for all). A reader that registers again keeps its fell-behind state.
     *
     * @param name a name unique to the reader, without tab or line break, e.g. {@code serve:<replica uuid>}
     * @throws RelayLogException if the name is not usable, the relay log is read-only, or the registry cannot be saved.
     */
    public RegisteredReader register(final String name, final long neededIndex)
    {
        if (name.isEmpty() || name.indexOf(SEPARATOR) >= 0 || name.indexOf('\n') >= 0 || name.indexOf('\r') >= 0)
        {
            throw new RelayLogException("a reader's name must be non-empty and hold no tab or line break: '" + name + "'");
        }
        checkWritable(name);
        final RegisteredReader existing = readers.get(name);
        final RegisteredReader reader = new RegisteredReader(name, neededIndex, existing == null ? null : existing.fellBehindMessage());
        readers.put(name, reader);
        save();
        return reader;
    }

    /** The registration of {@code name}, if it has one. */
    public Optional<RegisteredReader> reader(final String name)
    {
        return Optional.ofNullable(readers.get(name));
    }

    /**
     * Ends the registration of {@code name}: retention no longer keeps anything for it.
     *
     * @return whether it was registered.
     */
    public boolean unregister(final String name)
    {
        checkWritable(name);
        final boolean removed = readers.remove(name) != null;
        if (removed)
        {
            save();
        }
        return removed;
    }

    /** Every registered reader. */
    public Collection<RegisteredReader> readers()
    {
        return List.copyOf(readers.values());
    }

    /** The lowest index a reader that has not fallen behind still needs; {@link Long#MAX_VALUE} if none. */
    long lowestNeededIndex()
    {
        long lowest = Long.MAX_VALUE;
        for (final RegisteredReader reader : readers.values())
        {
            if (!reader.hasFallenBehind())
            {
                lowest = Math.min(lowest, reader.neededIndex());
            }
        }
        return lowest;
    }

    /** Saves the registry atomically and durably; readers register on their threads while retention saves on its own. */
    synchronized void save()
    {
        final Path file = directory.resolve(FILE_NAME);
        final Path temp = directory.resolve(FILE_NAME + TEMP_SUFFIX);
        final StringBuilder text = new StringBuilder();
        for (final RegisteredReader reader : readers.values())
        {
            text.append(reader.name()).append(SEPARATOR).append(reader.neededIndex());
            if (reader.hasFallenBehind())
            {
                text.append(SEPARATOR).append(reader.fellBehindMessage().replace('\n', ' ').replace('\t', ' '));
            }
            text.append('\n');
        }
        try
        {
            DirectorySync.replaceWithText(file, temp, text);
        }
        catch (final IOException ex)
        {
            throw new DurabilityException("cannot save the registered readers to " + file + ": " + ex.getMessage()
                + " (check free space and permissions there)", ex);
        }
    }

    private void checkWritable(final String name)
    {
        if (readOnly)
        {
            throw new RelayLogException("cannot change the registration of reader '" + name + "': the relay log in " + directory
                + " is open read-only (readers register with the replica that writes it)");
        }
    }
}
