package io.semisync.storage.relaylog;

import io.semisync.storage.RelayLogConfigException;
import net.openhft.chronicle.core.time.SystemTimeProvider;
import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of a relay log, each with its default next to it; {@link #validate()} turns a bad value into a
 * {@link RelayLogConfigException} before anything is opened.
 */
public final class RelayLogConfig
{
    /** Default roll cycle: one file per hour, the unit retention deletes. */
    public static final RollCycles DEFAULT_ROLL_CYCLE = RollCycles.FAST_HOURLY;

    /**
     * Default Chronicle block size: the memory-mapped chunk. A record can be at most a quarter of it (Chronicle's
     * overlap), so 256 MiB stores events up to 64 MiB, MySQL's default {@code max_allowed_packet}. Files are sparse.
     */
    public static final long DEFAULT_BLOCK_SIZE = 256L << 20;

    /** Smallest block size accepted. */
    public static final long MIN_BLOCK_SIZE = 1L << 20;

    /** Default size of the ACK journal: about 27,000 transactions of one 200-byte row between two syncs of the cycle files. */
    public static final long DEFAULT_ACK_JOURNAL_SIZE = 16L << 20;

    /** Smallest ACK journal accepted: room for its header and one largest entry. */
    public static final long MIN_ACK_JOURNAL_SIZE = 2L << 20;

    /** Largest ACK journal accepted: the first ACK waits while it is written full of zeros, a fraction of a second at most. */
    public static final long MAX_ACK_JOURNAL_SIZE = 256L << 20;

    private Path directory;
    private RollCycle rollCycle = DEFAULT_ROLL_CYCLE;
    private long blockSize = DEFAULT_BLOCK_SIZE;
    private DurabilityMode durabilityMode = DurabilityMode.FSYNC;
    private boolean readOnly;
    private boolean prefetchPages = true;
    private long ackJournalSize = DEFAULT_ACK_JOURNAL_SIZE;
    private Duration retentionMaxAge;
    private long retentionMaxBytes;
    private boolean compressClosedFiles;
    private long retentionReaderMaxBytes;
    private Duration retentionReaderExpiry;
    private TimeProvider timeProvider = SystemTimeProvider.INSTANCE;

    /**
     * @param directory where the relay log lives; created if missing (unless read-only). Required.
     * @return this.
     */
    public RelayLogConfig directory(final Path directory)
    {
        this.directory = directory;
        return this;
    }

    /**
     * @return the relay log directory.
     */
    public Path directory()
    {
        return directory;
    }

    /**
     * @param rollCycle how often a new file starts; default {@link #DEFAULT_ROLL_CYCLE}. An existing log keeps the
     *                  roll cycle it was created with.
     * @return this.
     */
    public RelayLogConfig rollCycle(final RollCycle rollCycle)
    {
        this.rollCycle = rollCycle;
        return this;
    }

    /**
     * @return the roll cycle.
     */
    public RollCycle rollCycle()
    {
        return rollCycle;
    }

    /**
     * @param blockSize Chronicle block size in bytes, a power of two, default {@link #DEFAULT_BLOCK_SIZE}.
     * @return this.
     */
    public RelayLogConfig blockSize(final long blockSize)
    {
        this.blockSize = blockSize;
        return this;
    }

    /**
     * @return the Chronicle block size.
     */
    public long blockSize()
    {
        return blockSize;
    }

    /**
     * @param durabilityMode how appends are made durable; default {@link DurabilityMode#FSYNC}.
     * @return this.
     */
    public RelayLogConfig durabilityMode(final DurabilityMode durabilityMode)
    {
        this.durabilityMode = durabilityMode;
        return this;
    }

    /**
     * @return the durability mode.
     */
    public DurabilityMode durabilityMode()
    {
        return durabilityMode;
    }

    /**
     * @param readOnly open for reading only (tools such as {@code dump}): no recovery writes, no writer; default false.
     * @return this.
     */
    public RelayLogConfig readOnly(final boolean readOnly)
    {
        this.readOnly = readOnly;
        return this;
    }

    /**
     * @param prefetch fill the page cache ahead of the writer on a thread of its own ({@link PageCachePrefetch}); default
     *                 true.
     * @return this.
     */
    public RelayLogConfig prefetchPages(final boolean prefetch)
    {
        this.prefetchPages = prefetch;
        return this;
    }

    /**
     * @return whether the page cache is filled ahead of the writer.
     */
    public boolean prefetchPages()
    {
        return prefetchPages;
    }

    /**
     * @param size bytes of the {@link AckJournal} that makes what an ACK covers durable with one write instead of an
     *             fdatasync of the cycle file (with {@link DurabilityMode#FSYNC} only): 0 for none, else a multiple
     *             of 4 KiB in {@link #MIN_ACK_JOURNAL_SIZE}..{@link #MAX_ACK_JOURNAL_SIZE}; default
     *             {@link #DEFAULT_ACK_JOURNAL_SIZE}. Without one, a writable open removes the file a journal left, once
     *             recovery has appended what it held.
     * @return this.
     */
    public RelayLogConfig ackJournalSize(final long size)
    {
        this.ackJournalSize = size;
        return this;
    }

    /**
     * @return bytes of the ACK journal, 0 for none.
     */
    public long ackJournalSize()
    {
        return ackJournalSize;
    }

    /**
     * @return whether the log is opened read-only.
     */
    public boolean readOnly()
    {
        return readOnly;
    }

    /**
     * @param maxAge delete cycle files whose whole time span is older than this; null (the default) keeps all.
     * @return this.
     */
    public RelayLogConfig retentionMaxAge(final Duration maxAge)
    {
        this.retentionMaxAge = maxAge;
        return this;
    }

    /**
     * @return the retention age limit, null if off.
     */
    public Duration retentionMaxAge()
    {
        return retentionMaxAge;
    }

    /**
     * @param maxBytes delete the oldest cycle files while all files together exceed this; 0 (the default) keeps all.
     * @return this.
     */
    public RelayLogConfig retentionMaxBytes(final long maxBytes)
    {
        this.retentionMaxBytes = maxBytes;
        return this;
    }

    /**
     * @return the retention size limit in bytes, 0 if off.
     */
    public long retentionMaxBytes()
    {
        return retentionMaxBytes;
    }

    /**
     * @param maxBytes while all files together hold at most this, retention keeps what a registered reader still needs
     *                 ({@link ReaderPositions}); beyond it, it deletes as without readers and tells them. 0 (the default):
     *                 no limit.
     * @return this.
     */
    public RelayLogConfig retentionReaderMaxBytes(final long maxBytes)
    {
        this.retentionReaderMaxBytes = maxBytes;
        return this;
    }

    /**
     * @return the size up to which retention keeps what registered readers need, 0 for no limit.
     */
    public long retentionReaderMaxBytes()
    {
        return retentionReaderMaxBytes;
    }

    /**
     * @param expiry a registered reader that has not been attached (a live dump, a running change feed) for this long is
     *               unregistered by retention, so a reader that left for good does not pin the relay log; null (the
     *               default): registrations never expire.
     * @return this.
     */
    public RelayLogConfig retentionReaderExpiry(final Duration expiry)
    {
        this.retentionReaderExpiry = expiry;
        return this;
    }

    /**
     * @return how long a detached reader stays registered, null for ever.
     */
    public Duration retentionReaderExpiry()
    {
        return retentionReaderExpiry;
    }

    /**
     * @param compress whether {@link RelayLog#compressClosedFiles} compresses closed cycle files with zstd; off by default.
     * @return this.
     */
    public RelayLogConfig compressClosedFiles(final boolean compress)
    {
        this.compressClosedFiles = compress;
        return this;
    }

    /**
     * @return whether closed cycle files are compressed.
     */
    public boolean compressClosedFiles()
    {
        return compressClosedFiles;
    }

    /**
     * @param timeProvider the clock choosing cycle files and judging age; default the system clock. For tests.
     * @return this.
     */
    public RelayLogConfig timeProvider(final TimeProvider timeProvider)
    {
        this.timeProvider = timeProvider;
        return this;
    }

    /**
     * @return the clock.
     */
    public TimeProvider timeProvider()
    {
        return timeProvider;
    }

    /**
     * Checks every setting.
     *
     * @return this.
     * @throws RelayLogConfigException naming the first bad setting and its value.
     */
    public RelayLogConfig validate()
    {
        if (directory == null)
        {
            throw new RelayLogConfigException("relay log directory is not set");
        }
        if (rollCycle == null || durabilityMode == null || timeProvider == null)
        {
            throw new RelayLogConfigException("roll cycle, durability mode and time provider must not be null: " +
                rollCycle + ", " + durabilityMode + ", " + timeProvider);
        }
        if (blockSize < MIN_BLOCK_SIZE || Long.bitCount(blockSize) != 1)
        {
            throw new RelayLogConfigException("block size must be a power of two of at least " + MIN_BLOCK_SIZE +
                " bytes, got " + blockSize);
        }
        if (ackJournalSize != 0 && (ackJournalSize < MIN_ACK_JOURNAL_SIZE || ackJournalSize > MAX_ACK_JOURNAL_SIZE ||
            ackJournalSize % AckJournal.BLOCK != 0))
        {
            throw new RelayLogConfigException("the ACK journal's size must be 0 (none) or a multiple of " + AckJournal.BLOCK +
                " bytes in " + MIN_ACK_JOURNAL_SIZE + ".." + MAX_ACK_JOURNAL_SIZE + ", got " + ackJournalSize);
        }
        if (retentionMaxAge != null && (retentionMaxAge.isNegative() || retentionMaxAge.isZero()))
        {
            throw new RelayLogConfigException("retention max age must be positive, got " + retentionMaxAge);
        }
        if (retentionReaderExpiry != null && (retentionReaderExpiry.isNegative() || retentionReaderExpiry.isZero()))
        {
            throw new RelayLogConfigException("the readers' expiry must be positive or null (never), got " + retentionReaderExpiry);
        }
        if (retentionReaderMaxBytes < 0)
        {
            throw new RelayLogConfigException("the readers' retention limit must be 0 (none) or positive, got " + retentionReaderMaxBytes);
        }
        if (retentionMaxBytes < 0)
        {
            throw new RelayLogConfigException("retention max bytes must be 0 (off) or positive, got " +
                retentionMaxBytes);
        }
        return this;
    }
}
