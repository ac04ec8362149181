package io.semisync.replica.session;

import java.nio.charset.StandardCharsets;

/**
 * A place in the source's binlog: a file name and the offset of the next event in it. A replica of a source
 * without GTIDs resumes from the end of the last transaction it stored (COM_BINLOG_DUMP with file and position),
 * as MySQL's replica does with {@code SOURCE_AUTO_POSITION=0}. Saved as the checkpoint text
 * {@code position:<offset>:<file>}.
 *
 * @param fileName the binlog file, as the source names it
 * @param position the offset in it; 4 is the first event
 */
public record BinlogPosition(String fileName, long position) implements ResumePoint
{
    /** The first event of a binlog file follows its 4-byte magic number. */
    public static final long FIRST_EVENT = 4;
    private static final String CHECKPOINT_PREFIX = "position:";

    public BinlogPosition
    {
        if (fileName == null || fileName.isEmpty())
        {
            throw new IllegalArgumentException("a binlog position needs a file name");
        }
        if (position < FIRST_EVENT || position > 0xFFFF_FFFFL)
        {
            throw new IllegalArgumentException("binlog position " + position + " in " + fileName + " is outside 4.." + 0xFFFF_FFFFL);
        }
    }

    static boolean isCheckpoint(final byte[] state)
    {
        return new String(state, StandardCharsets.UTF_8).startsWith(CHECKPOINT_PREFIX);
    }

    static BinlogPosition fromCheckpoint(final byte[] state)
    {
        final String text = new String(state, StandardCharsets.UTF_8);
        final int separator = text.indexOf(':', CHECKPOINT_PREFIX.length());
        if (!text.startsWith(CHECKPOINT_PREFIX) || separator < 0)
        {
            throw new IllegalStateException("not a binlog position checkpoint: " + text);
        }
        try
        {
            return new BinlogPosition(text.substring(separator + 1), Long.parseLong(text.substring(CHECKPOINT_PREFIX.length(), separator)));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalStateException("not a binlog position checkpoint: " + text, ex);
        }
    }

    @Override
    public byte[] toCheckpoint()
    {
        return (CHECKPOINT_PREFIX + position + ":" + fileName).getBytes(StandardCharsets.UTF_8);
    }

    /** {@code file:position}, as operators write it. */
    @Override
    public String toString()
    {
        return fileName + ":" + position;
    }
}
