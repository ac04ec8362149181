package io.semisync.replica.session;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A MariaDB GTID position: the last GTID of each replication domain, in the text form of
 * {@code @@gtid_binlog_pos} and {@code @slave_connect_state} ({@code domain-server-sequence,...}).
 */
public final class MariadbGtidPosition
{
    private final Map<Long, long[]> lastByDomain = new TreeMap<>();

    /**
     * Parses {@code domain-server-sequence,...}.
     *
     * @throws IllegalArgumentException naming the GTID that is not of that form
     */
    public static MariadbGtidPosition parse(final String text)
    {
        final MariadbGtidPosition position = new MariadbGtidPosition();
        for (final String gtid : text.replaceAll("\\s", "").split(","))
        {
            if (gtid.isEmpty())
            {
                continue;
            }
            final String[] parts = gtid.split("-");
            if (parts.length != 3)
            {
                throw new IllegalArgumentException("MariaDB GTID '" + gtid + "' is not domain-server-sequence");
            }
            try
            {
                position.set(Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]));
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException("MariaDB GTID '" + gtid + "' has a part that is not a number", ex);
            }
        }
        return position;
    }

    void set(final long domain, final long serverId, final long sequence)
    {
        final long[] last = lastByDomain.computeIfAbsent(domain, d -> new long[2]);
        last[0] = serverId;
        last[1] = sequence;
    }

    /** The domains this position names, in order. */
    public Set<Long> domains()
    {
        return Collections.unmodifiableSet(lastByDomain.keySet());
    }

    /** The sequence number of the last GTID of {@code domain}, or -1 when the position holds none of it. */
    public long sequence(final long domain)
    {
        final long[] last = lastByDomain.get(domain);
        return last == null ? -1 : last[1];
    }

    void setAll(final MariadbGtidPosition other)
    {
        other.lastByDomain.forEach((domain, last) -> set(domain, last[0], last[1]));
    }

    @Override
    public String toString()
    {
        final StringBuilder text = new StringBuilder();
        lastByDomain.forEach((domain, last) ->
            text.append(text.length() == 0 ? "" : ",").append(domain).append('-').append(last[0]).append('-').append(last[1]));
        return text.toString();
    }
}
