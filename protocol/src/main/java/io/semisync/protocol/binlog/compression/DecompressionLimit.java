package io.semisync.protocol.binlog.compression;

/**
 * The most uncompressed bytes one compressed event may announce; checked before any buffer grows, so a bad or
 * hostile size cannot take the heap. At most {@link #MAX_BYTES}, the largest Java array.
 */
public final class DecompressionLimit
{
    /** The largest limit: what one byte array holds. */
    public static final long MAX_BYTES = Integer.MAX_VALUE - 8;

    private DecompressionLimit()
    {
    }

    /**
     * @param what     names the event in the error.
     * @param announced the uncompressed size the event announces.
     * @param limit    the configured limit.
     * @return the announced size as an int.
     * @throws UncompressedSizeLimitException if the size is above the limit.
     */
    static int check(final String what, final long announced, final long limit)
    {
        if (announced < 0 || announced > limit || announced > MAX_BYTES)
        {
            throw new UncompressedSizeLimitException(what, announced, Math.min(limit, MAX_BYTES));
        }
        return (int)announced;
    }

    /**
     * @param limit a configured limit.
     * @throws IllegalArgumentException if it is not 1..{@link #MAX_BYTES}.
     */
    static long validate(final long limit)
    {
        if (limit < 1 || limit > MAX_BYTES)
        {
            throw new IllegalArgumentException("the uncompressed size limit must be 1.." + MAX_BYTES + " bytes, got " + limit);
        }
        return limit;
    }
}
