package io.semisync.replica.cdc;

import java.io.OutputStream;
import java.util.Arrays;

/** The bytes of the line being written, reused for every line; grows to the longest line. */
final class LineBuffer extends OutputStream
{
    private byte[] bytes = new byte[4096];
    private int length;

    @Override
    public void write(final int b)
    {
        ensure(1);
        bytes[length++] = (byte)b;
    }

    @Override
    public void write(final byte[] source, final int offset, final int count)
    {
        ensure(count);
        System.arraycopy(source, offset, bytes, length, count);
        length += count;
    }

    private void ensure(final int more)
    {
        if (length + more > bytes.length)
        {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }

    byte[] bytes()
    {
        return bytes;
    }

    int length()
    {
        return length;
    }

    void reset()
    {
        length = 0;
    }
}
