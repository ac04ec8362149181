package io.semisync.replica.cdc;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Change lines to a stream (standard output): at least once. A consumer that keeps the position of the last line it
 * processed restarts the feed with {@code --from-position} and drops lines at or before it, should a line come twice.
 */
public final class StreamChangeOutput implements ChangeOutput
{
    private final OutputStream out;
    private final ChangePosition from;

    /**
     * @param out  the stream, buffered by the caller if need be.
     * @param from the position the consumer has already seen.
     */
    public StreamChangeOutput(final OutputStream out, final ChangePosition from)
    {
        this.out = out;
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
    }

    @Override
    public void close()
    {
        flush();
    }
}
