package io.semisync.replica.cdc;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * Change lines to a stream (standard output): at least once. A consumer that keeps the position of the last line it
 * processed restarts the feed with {@code --from-position} and drops lines at or before it, should a line come twice.
 */
public final class StreamChangeOutput implements ChangeOutput
{
    private static final int BUFFER_BYTES = 1 << 16;

    private final PrintStream target;
    private final OutputStream out;
    private final ChangePosition from;

    /**
     * @param target the stream (standard output), buffered here.
     * @param from   the position the consumer has already seen.
     */
    public StreamChangeOutput(final PrintStream target, final ChangePosition from)
    {
        this.target = target;
        this.out = new BufferedOutputStream(target, BUFFER_BYTES);
        this.from = from;
    }

    @Override
    public ChangePosition lastPosition()
    {
        return from;
    }

    @Override
    public void writeLine(final byte[] line, final int length)
    {
        try
        {
            out.write(line, 0, length);
            out.write('\n');
        }
        catch (final IOException ex)
        {
            throw new CdcException("cannot write to the output: " + ex.getMessage(), ex);
        }
    }

    @Override
    public void flush()
    {
        try
        {
            out.flush();
        }
        catch (final IOException ex)
        {
            throw new CdcException("cannot write to the output: " + ex.getMessage(), ex);
        }
        if (target.checkError())
        {
            throw new CdcException("cannot write to standard output (closed by the reader?): restart with --from-position "
                + "and the position of the last line the reader processed");
        }
    }

    @Override
    public void close()
    {
        flush();
    }
}
