package io.semisync.replica.stream;

/**
 * Where the stream is in the source's binlog: the current file and the end position of the last event
 * seen. Positions only grow within a file, which lets the stream skip events it already stored.
 */
final class StreamPosition
{
    private String fileName;
    private long position;

    StreamPosition(final String fileName, final long position)
    {
        this.fileName = fileName;
        this.position = position;
    }

    String fileName()
    {
        return fileName;
    }

    long position()
    {
        return position;
    }

    void rotateTo(final String nextFile, final long nextPosition)
    {
        fileName = nextFile;
        position = nextPosition;
    }

    void advanceTo(final long endPosition)
    {
        position = endPosition;
    }

    /** Whether an event of the current file ending at {@code endPosition} was already stored. */
    boolean alreadyStored(final long endPosition, final String storedFile, final long storedPosition)
    {
        return storedFile != null && storedFile.equals(fileName) && endPosition <= storedPosition;
    }
}
