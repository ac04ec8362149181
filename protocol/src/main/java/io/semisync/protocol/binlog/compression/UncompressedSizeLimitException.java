package io.semisync.protocol.binlog.compression;

/**
 * A compressed event announces more uncompressed bytes than the configured limit allows, so it is refused before
 * any memory is taken for it.
 */
public final class UncompressedSizeLimitException extends CompressedEventException
{
    public UncompressedSizeLimitException(final String what, final long announced, final long limit)
    {
        super(what + " announces " + announced + " uncompressed bytes, more than the limit of " + limit
            + ": raise the limit if the source really writes transactions that large");
    }
}
