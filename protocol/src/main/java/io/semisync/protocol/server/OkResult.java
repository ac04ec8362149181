package io.semisync.protocol.server;

import java.util.Objects;

/**
 * A statement that returns no rows succeeded.
 *
 * @param affectedRows  rows the statement changed (what {@code ROW_COUNT()} and the client's "Query OK, n rows affected" show)
 * @param info          a human-readable note the client may print, usually empty
 */
public record OkResult(long affectedRows, String info) implements QueryResult
{
    private static final OkResult EMPTY = new OkResult(0, "");

    public OkResult
    {
        if (affectedRows < 0)
        {
            throw new IllegalArgumentException("affectedRows must not be negative: " + affectedRows);
        }
        Objects.requireNonNull(info, "info");
    }

    /** No rows affected, no info. */
    public static OkResult empty()
    {
        return EMPTY;
    }
}
