package io.semisync.storage.relaylog;

import io.semisync.storage.DurabilityException;
import io.semisync.storage.RelayLogException;
import io.semisync.storage.durability.DirectorySync;
import net.openhft.chronicle.core.time.TimeProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The registry of readers whose position retention respects: a downstream replica served from the relay log, a change
 * feed's position. Retention deletes no file holding a record at or after a registered reader's needed index, unless
 * the relay log outgrows the cap ({@link RelayLogConfig#retentionReaderMaxBytes}); then it deletes as it would without
 * readers, and each reader that lost records it needed is told so, by name, at its next {@link RegisteredReader#advance}
 * (marked before its files go). A registration lasts until {@link #unregister}, across disconnects and restarts, or
 * until it has not been attached for {@link RelayLogConfig#retentionReaderExpiry}: retention then drops it.
 *
 * <p>The registry is shared by the processes that open the relay log (the replica with its downstream replicas, a
 * change feed run as its own process): it is kept in the file {@value #FILE_NAME} of the relay-log directory, one
 * {@code name index seen-at-millis [fell-behind message]} line per reader, read, changed and replaced atomically under
 * an exclusive lock on {@value #LOCK_FILE_NAME}. Each process writes the readers it registered itself and keeps the
 * others' lines as it finds them; the marks retention sets reach a reader's process when it next
 * {@link #refresh refreshes} or saves. A process saves when a reader registers or leaves and then when it chooses
 * ({@link #saveEvery}); retention saves at each pass, so after a crash a reader's saved position is at or before where
 * it was.
 */
public final class ReaderPositions
{
    /** A needed index that keeps everything the relay log holds. */
    public static final long FROM_OLDEST = -1;
    static final String FILE_NAME = "reader-positions";
    static final String LOCK_FILE_NAME = "reader-positions.lock";
    private static final Logger LOG = LoggerFactory.getLogger(ReaderPositions.class);
    private static final String TEMP_SUFFIX = ".tmp";
    private static final char SEPARATOR = '\t';

    /** One line of the file. */
    private record Line(long neededIndex, long seenAtMillis, String fellBehind)
    {
    }

    private final Path directory;
    private final TimeProvider clock;
    private final LongSupplier firstHeldIndex;
    private final Map<String, RegisteredReader> readers = new ConcurrentHashMap<>();
    private final Set<String> own = ConcurrentHashMap.newKeySet();
    private volatile long savedAtMillis;

    private ReaderPositions(final Path directory, final TimeProvider clock, final LongSupplier firstHeldIndex)
    {
        this.directory = directory;
        this.clock = clock;
        this.firstHeldIndex = firstHeldIndex;
    }

    /**
     * The registry saved in {@code directory}, empty if none was.
     *
     * @param firstHeldIndex the index of the oldest record the relay log holds, {@link Long#MAX_VALUE} when empty.
     */
    static ReaderPositions load(final Path directory, final TimeProvider clock, final LongSupplier firstHeldIndex)
    {
        final ReaderPositions positions = new ReaderPositions(directory, clock, firstHeldIndex);
        positions.merge(positions.read());
        return positions;
    }

    /**
     * Registers {@code name}, or takes over its registration, in this process: it needs the relay log from
     * {@code neededIndex} on ({@link #FROM_OLDEST} for all), and it is attached until {@link RegisteredReader#detach}. A
     * reader that fell behind stays so when it registers again at an index the relay log no longer holds; registered from
     * the oldest record or from one the relay log holds, it has lost nothing (retention deletes oldest first).
     *
     * @param name a name unique to the reader, without tab or line break, e.g. {@code serve:<replica uuid>}
     * @throws RelayLogException if the name is not usable or the registry cannot be saved.
     */
    public RegisteredReader register(final String name, final long neededIndex)
    {
        if (name.isEmpty() || name.indexOf(SEPARATOR) >= 0 || name.indexOf('\n') >= 0 || name.indexOf('\r') >= 0)
        {
            throw new RelayLogException("a reader's name must be non-empty and hold no tab or line break: '" + name + "'");
        }
        return locked(true, () ->
        {
            final RegisteredReader existing = readers.get(name);
            final boolean lost = neededIndex >= 0 && neededIndex < firstHeldIndex.getAsLong();
            final RegisteredReader reader = new RegisteredReader(name, neededIndex, clock.currentTimeMillis(),
                existing != null && lost ? existing.fellBehindMessage() : null);
            readers.put(name, reader);
            own.add(name);
            return reader;
        });
    }

    /** The registration of {@code name}, if it has one (as this process last read or wrote the registry). */
    public Optional<RegisteredReader> reader(final String name)
    {
        return Optional.ofNullable(readers.get(name));
    }

    /**
     * Ends the registration of {@code name}, whichever process registered it: retention no longer keeps anything for
     * it. A reader still attached in another process registers again at that process's next save.
     *
     * @return whether it was registered.
     */
    public boolean unregister(final String name)
    {
        return locked(true, () ->
        {
            own.remove(name);
            return readers.remove(name) != null;
        });
    }

    /** Every registered reader, as this process last read or wrote the registry. */
    public Collection<RegisteredReader> readers()
    {
        return List.copyOf(readers.values());
    }

    /**
     * Reads the registry again, waiting while another process changes it: the other processes' readers, and the marks
     * retention set on this process's. A reader in a process of its own calls it when it reaches another relay-log file:
     * retention that deleted files it needed has marked it by then.
     */
    @SuppressWarnings("try") // the lock is held for the block, not used in it
    public synchronized void refresh()
    {
        final Path lockFile = directory.resolve(LOCK_FILE_NAME);
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.lock())
        {
            merge(read());
        }
        catch (final IOException ex)
        {
            throw lockFailure(lockFile, ex);
        }
    }

    /**
     * Saves the positions of this process's readers, with those of the others as the file holds them.
     *
     * @throws DurabilityException if the registry cannot be saved.
     */
    public void save()
    {
        locked(true, () -> null);
    }

    /**
     * {@link #save Saves} when the last save is at least {@code period} ago: a reader that advances often, such as a change
     * feed, calls it after each step, so the registry keeps up within that period at the cost of one save per period.
     */
    public void saveEvery(final Duration period)
    {
        if (clock.currentTimeMillis() - savedAtMillis >= period.toMillis())
        {
            save();
        }
    }

    /**
     * Runs {@code pass} with the registry locked against the other processes and read afresh, then saves it; with
     * {@code wait} false it returns null at once when another process holds the lock.
     */
    synchronized <T> T locked(final boolean wait, final Supplier<T> pass)
    {
        final Path lockFile = directory.resolve(LOCK_FILE_NAME);
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = wait ? channel.lock() : channel.tryLock())
        {
            if (lock == null)
            {
                return null;
            }
            final Map<String, Line> stored = read();
            merge(stored);
            final T result = pass.get();
            write(stored);
            return result;
        }
        catch (final OverlappingFileLockException ex)
        {
            if (!wait)
            {
                return null;
            }
            throw new RelayLogException("the registered readers of " + directory + " are locked by another relay log opened on that "
                + "directory in this process: open it once per process", ex);
        }
        catch (final IOException ex)
        {
            throw lockFailure(lockFile, ex);
        }
    }

    private static DurabilityException lockFailure(final Path lockFile, final IOException ex)
    {
        return new DurabilityException("cannot lock the registered readers with " + lockFile + ": " + ex.getMessage()
            + " (the relay-log directory must be writable by every process that registers a reader)", ex);
    }

    /** Drops, within a {@link #locked} pass, the readers not attached in this process that were last seen before {@code expiry}. */
    void expire(final Duration expiry)
    {
        if (expiry == null)
        {
            return;
        }
        final long before = clock.currentTimeMillis() - expiry.toMillis();
        for (final RegisteredReader reader : readers.values())
        {
            if (!(own.contains(reader.name()) && reader.isAttached()) && reader.seenAtMillis() < before)
            {
                readers.remove(reader.name());
                own.remove(reader.name());
                LOG.warn("reader '{}' unregistered: not attached for longer than the readers' expiry ({}), so retention no "
                    + "longer keeps the relay log from index {} for it (retention-reader-expiry-hours)", reader.name(), expiry,
                    reader.neededIndex());
            }
        }
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

    private Map<String, Line> read()
    {
        final Path file = directory.resolve(FILE_NAME);
        final Map<String, Line> lines = new LinkedHashMap<>();
        try
        {
            for (final String line : Files.readAllLines(file, StandardCharsets.UTF_8))
            {
                if (!line.isBlank())
                {
                    parse(file, line, lines);
                }
            }
        }
        catch (final NoSuchFileException ex)
        {
            return lines;
        }
        catch (final IOException ex)
        {
            throw new RelayLogException("cannot read the registered readers in " + file + ": " + ex.getMessage(), ex);
        }
        return lines;
    }

    private static void parse(final Path file, final String line, final Map<String, Line> lines)
    {
        final String[] fields = line.split(String.valueOf(SEPARATOR), 4);
        try
        {
            lines.put(fields[0], new Line(Long.parseLong(fields[1]), Long.parseLong(fields[2]), fields.length == 4 ? fields[3] : null));
        }
        catch (final RuntimeException ex)
        {
            throw new RelayLogException("the registered readers file " + file + " holds a line that is not "
                + "'name<TAB>index<TAB>seen-at-millis': '" + line + "'; fix or delete the line (that reader then registers again "
                + "from where it asks)", ex);
        }
    }

    /** Takes the other processes' readers as stored, and the marks retention stored on this process's. */
    private void merge(final Map<String, Line> stored)
    {
        readers.keySet().removeIf(name -> !own.contains(name) && !stored.containsKey(name));
        stored.forEach((name, line) ->
        {
            final RegisteredReader reader = readers.get(name);
            if (!own.contains(name))
            {
                final RegisteredReader other = new RegisteredReader(name, line.neededIndex(), line.seenAtMillis(), line.fellBehind());
                other.detach();
                readers.put(name, other);
            }
            else if (reader != null && line.fellBehind() != null && !reader.hasFallenBehind())
            {
                reader.fellBehind(line.fellBehind());
            }
        });
    }

    private void write(final Map<String, Line> stored)
    {
        final long now = clock.currentTimeMillis();
        final List<RegisteredReader> sorted = new ArrayList<>(readers.values());
        sorted.sort((a, b) -> a.name().compareTo(b.name()));
        final StringBuilder text = new StringBuilder();
        boolean changed = stored.size() != sorted.size();
        for (final RegisteredReader reader : sorted)
        {
            if (own.contains(reader.name()) && reader.isAttached())
            {
                reader.seenAt(now);
            }
            text.append(reader.name()).append(SEPARATOR).append(reader.neededIndex()).append(SEPARATOR).append(reader.seenAtMillis());
            if (reader.hasFallenBehind())
            {
                text.append(SEPARATOR).append(reader.fellBehindMessage().replace('\n', ' ').replace('\t', ' '));
            }
            text.append('\n');
            changed |= !new Line(reader.neededIndex(), reader.seenAtMillis(), reader.fellBehindMessage()).equals(stored.get(reader.name()));
        }
        savedAtMillis = now;
        if (!changed)
        {
            return;
        }
        final Path file = directory.resolve(FILE_NAME);
        try
        {
            DirectorySync.replaceWithText(file, directory.resolve(FILE_NAME + TEMP_SUFFIX), text);
        }
        catch (final IOException ex)
        {
            throw new DurabilityException("cannot save the registered readers to " + file + ": " + ex.getMessage()
                + " (check free space and permissions there)", ex);
        }
    }
}
