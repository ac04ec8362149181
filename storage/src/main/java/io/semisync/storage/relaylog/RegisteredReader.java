package io.semisync.storage.relaylog;

import io.semisync.storage.ReaderFellBehindException;

/**
 * One registered reader of the relay log ({@link ReaderPositions#register}): the relay-log index it still needs,
 * which retention does not delete, and when its process last saw it attached (registered and not {@link #detach
 * detached}), which a registration that expires is judged by. The reader's own thread moves it with {@link #advance};
 * any thread may read it.
 */
public final class RegisteredReader
{
    private final String name;
    private volatile long neededIndex;
    private volatile long seenAtMillis;
    private volatile boolean attached = true;
    private volatile String fellBehind;

    RegisteredReader(final String name, final long neededIndex, final long seenAtMillis, final String fellBehind)
    {
        this.name = name;
        this.neededIndex = neededIndex;
        this.seenAtMillis = seenAtMillis;
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
     * The reader left (a downstream replica disconnected) but keeps its registration: retention still keeps what it
     * needs, until the registration expires ({@link RelayLogConfig#retentionReaderExpiry}) counted from now.
     */
    public void detach()
    {
        attached = false;
    }

    /** Whether its process still has it attached; a reader registered by another process counts as detached. */
    public boolean isAttached()
    {
        return attached;
    }

    /** When (epoch millis) the registry was last saved while the reader was attached. */
    public long seenAtMillis()
    {
        return seenAtMillis;
    }

    /** The message it gets since retention deleted records it needed, null if none. */
    public String fellBehindMessage()
    {
        return fellBehind;
    }

    void seenAt(final long millis)
    {
        seenAtMillis = millis;
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

    void fellBehind(final String message)
    {
        fellBehind = message;
    }
}
