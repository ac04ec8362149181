package io.semisync.storage.relaylog;

import io.semisync.storage.RelayLogException;
import io.semisync.storage.RelayLogFullException;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Refuses a record before the relay log's file system runs out of space. Chronicle Queue writes through memory-mapped
 * sparse files: a page first touched when the file system is full does not fail a write, it faults (SIGBUS, which
 * the JVM turns into an {@link InternalError} or a crash) in the middle of a record. So the writer asks the file
 * system first, at least every {@value #CHECK_INTERVAL_BYTES} bytes of records, and refuses a record that would leave
 * less than {@value #RESERVE_BYTES} bytes: room for Chronicle's index pages, the checkpoint files and what others
 * write between two checks.
 */
public final class FreeSpaceGuard
{
    /** Bytes a record must leave free on the file system. */
    public static final long RESERVE_BYTES = 16L << 20;
    static final long CHECK_INTERVAL_BYTES = 1L << 20;

    private final Path directory;
    private final FileStore store;
    private long allowance;

    FreeSpaceGuard(final Path directory)
    {
        this.directory = directory;
        try
        {
            store = Files.getFileStore(directory);
        }
        catch (final IOException ex)
        {
            throw new RelayLogException("cannot read the file system of the relay log in " + directory + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Counts a record about to be written against the space known to be free, asking the file system when that is used up.
     *
     * @throws RelayLogFullException when the record would leave less than the reserve; nothing is counted then
     */
    void claim(final long recordLength)
    {
        if (recordLength > allowance)
        {
            final long appendable = usableSpace() - RESERVE_BYTES;
            if (recordLength > appendable)
            {
                throw new RelayLogFullException("the file system of the relay log in " + directory + " is full: "
                    + Math.max(0, appendable + RESERVE_BYTES) + " bytes usable, and a record of " + recordLength
                    + " bytes must leave " + RESERVE_BYTES + "; nothing of it was stored and nothing after the last ACK is"
                    + " acknowledged. Free space on that file system (or lower --retention-max-bytes); replication resumes by"
                    + " itself once there is room");
            }
            allowance = Math.min(appendable, Math.max(CHECK_INTERVAL_BYTES, recordLength));
        }
        allowance -= recordLength;
    }

    private long usableSpace()
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
    }
}
