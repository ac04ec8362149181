package io.semisync.storage.relaylog;

import io.semisync.storage.ReaderFellBehindException;

/**
 * One registered reader of the relay log ({@link ReaderPositions#register}): the relay-log index it still needs,
 * which retention does not delete. The reader's own thread moves it with {@link #advance}; any thread may read it.
 */
public final class RegisteredReader
{
    private final String name;
    private volatile long neededIndex;
    private volatile String fellBehind;

    RegisteredReader(final String name, final long neededIndex, final String fellBehind)
    {
        this.name = name;
        this.neededIndex = neededIndex;
        this.fellBehind = fellBehind;
    }

    /** The name it was registered under, e.g. {@code serve:<replica uuid>} or {@code cdc:orders}. */
    public String name()
    {
        return name;
    }

    /** The first relay-log index it still needs; records before it may go. {@link ReaderPositions#FROM_OLDEST}: all. */
    public long neededIndex()
    {
        return neededIndex;
    }

    /**
     * Moves the reader on: it needs nothing before {@code index} any more (the index after the last record it has
     * handled for good).
     *
     * @throws ReaderFellBehindException if retention already deleted records it needed.
     */
    public void advance(final long index)
    {
        checkNotBehind();
        if (index > neededIndex)
        {
            neededIndex = index;
        }
    }

    /**
     * @throws ReaderFellBehindException if retention deleted records this reader needed, naming it.
     */
    public void checkNotBehind()
    {
        final String message = fellBehind;
        if (message != null)
        {
            throw new ReaderFellBehindException(message);
        }
    }

    /** Whether retention deleted records it needed. */
    public boolean hasFallenBehind()
    {
        return fellBehind != null;
    }

    String fellBehindMessage()
    {
        return fellBehind;
    }

    void fellBehind(final String message)
    {
        fellBehind = message;
    }
}
