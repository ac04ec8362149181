package io.semisync.storage.relaylog;

import io.semisync.storage.RelayLogException;
import io.semisync.storage.RelayLogFullException;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * Refuses a record before the relay log's file system runs out of space. Chronicle Queue writes through memory-mapped
 * sparse files: a page first touched when the file system is full does not fail a write, it faults (SIGBUS, which
 * the JVM turns into an {@link InternalError} or a crash) in the middle of a record. So the writer asks the file
 * system first, at least every {@value #CHECK_INTERVAL_BYTES} bytes of records, and refuses a record that would leave
 * less than {@value #RESERVE_BYTES} bytes: room for Chronicle's index pages, the checkpoint files and what others
 * write between two checks. Once it has refused one, it asks on every record and allows again only when another
 * {@value #CHECK_INTERVAL_BYTES} bytes are free, so that a disk at its limit does not let one small transaction through
 * now and then.
 */
public final class FreeSpaceGuard
{
    /** Bytes a record must leave free on the file system. */
    public static final long RESERVE_BYTES = 16L << 20;
    static final long CHECK_INTERVAL_BYTES = 1L << 20;

    private final Path directory;
    private final LongSupplier usableSpace;
    private long allowance;
    private boolean full;

    FreeSpaceGuard(final Path directory)
    {
        this(directory, usableSpaceOf(directory));
    }

    /** @param usableSpace the bytes an append may still use on the file system of {@code directory} */
    FreeSpaceGuard(final Path directory, final LongSupplier usableSpace)
    {
        this.directory = directory;
        this.usableSpace = usableSpace;
    }

    private static LongSupplier usableSpaceOf(final Path directory)
    {
        final FileStore store;
        try
        {
            store = Files.getFileStore(directory);
        }
        catch (final IOException ex)
        {
            throw new RelayLogException("cannot read the file system of the relay log in " + directory + ": " + ex.getMessage(), ex);
        }
        return () ->
        {
            try
            {
                return store.getUsableSpace();
            }
            catch (final IOException ex)
            {
                throw new RelayLogException("cannot read the free space of the relay log's file system in " + directory + ": "
                    + ex.getMessage(), ex);
            }
        };
    }

    /**
     * Counts a record about to be written against the space known to be free, asking the file system when that is used up.
     *
     * @throws RelayLogFullException when the record would leave less than the reserve (or, after a refusal, less than the
     *                               reserve and a check interval); nothing is counted then
     */
    void claim(final long recordLength)
    {
        if (recordLength > allowance)
        {
            final long appendable = usableSpace.getAsLong() - RESERVE_BYTES;
            if (recordLength + (full ? CHECK_INTERVAL_BYTES : 0) > appendable)
            {
                full = true;
                allowance = 0;
                throw new RelayLogFullException("the file system of the relay log in " + directory + " is full: "
                    + Math.max(0, appendable + RESERVE_BYTES) + " bytes usable, and a record of " + recordLength
                    + " bytes must leave " + RESERVE_BYTES + "; nothing of it was stored and nothing after the last ACK is"
                    + " acknowledged. Free space on that file system (or lower --retention-max-bytes); replication resumes by"
                    + " itself once there is room");
            }
            full = false;
            allowance = Math.min(appendable, Math.max(CHECK_INTERVAL_BYTES, recordLength));
        }
        allowance -= recordLength;
    }
}
