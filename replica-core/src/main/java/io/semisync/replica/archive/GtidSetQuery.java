package io.semisync.replica.archive;

import io.semisync.protocol.binlog.GtidSet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * A GTID set asked for by an operator, matched against stored GTIDs in their text form ({@code GtidText}). MySQL:
 * the server's own syntax, {@code uuid:1-5:7,uuid2:3}. MariaDB, which has no set syntax of its own: a comma list of
 * {@code domain-server-sequence} GTIDs and {@code domain-server-first-last} ranges.
 */
final class GtidSetQuery
{
    private record MariadbRange(long domain, long server, long first, long last)
    {
        long size()
        {
            return last - first + 1;
        }
    }

    private final String text;
    private final GtidSet mysql;
    private final GtidSet mysqlFound = new GtidSet();
    private final List<MariadbRange> mariadb;
    private final long[] mariadbFound;

    private GtidSetQuery(final String text, final GtidSet mysql, final List<MariadbRange> mariadb)
    {
        this.text = text;
        this.mysql = mysql;
        this.mariadb = mariadb;
        this.mariadbFound = new long[mariadb.size()];
    }

    /**
     * @throws IllegalArgumentException if {@code text} is neither a MySQL GTID set nor a MariaDB GTID list.
     */
    static GtidSetQuery parse(final String text)
    {
        final String trimmed = text.strip();
        if (trimmed.isEmpty())
        {
            throw new IllegalArgumentException("the GTID set is empty: give uuid:1-5 (MySQL) or 0-1-5,0-1-7-9 (MariaDB)");
        }
        if (trimmed.contains(":"))
        {
            try
            {
                return new GtidSetQuery(trimmed, GtidSet.parse(trimmed), List.of());
            }
            catch (final RuntimeException ex)
            {
                throw new IllegalArgumentException("'" + text + "' is not a MySQL GTID set (uuid:1-5:7,uuid2:3): " + ex.getMessage(), ex);
            }
        }
        final List<MariadbRange> ranges = new ArrayList<>();
        for (final String item : trimmed.split(","))
        {
            ranges.add(mariadbRange(text, item.strip()));
        }
        return new GtidSetQuery(trimmed, null, ranges);
    }

    private static MariadbRange mariadbRange(final String text, final String item)
    {
        final String[] parts = item.split("-");
        try
        {
            if (parts.length == 3 || parts.length == 4)
            {
                final long first = Long.parseLong(parts[2]);
                final long last = parts.length == 4 ? Long.parseLong(parts[3]) : first;
                if (last >= first)
                {
                    return new MariadbRange(Long.parseLong(parts[0]), Long.parseLong(parts[1]), first, last);
                }
            }
        }
        catch (final NumberFormatException ignored)
        {
            // reported below with the whole item
        }
        throw new IllegalArgumentException("'" + item + "' in '" + text + "' is neither a MariaDB GTID domain-server-sequence nor a "
            + "range domain-server-first-last (first <= last), nor is the set a MySQL uuid:1-5");
    }

    /**
     * Whether the stored GTID {@code gtid} ({@code uuid:gno}, {@code uuid:tag:gno} or {@code domain-server-sequence}) is in
     * the set; counts it if so.
     */
    boolean take(final String gtid)
    {
        if (mysql != null)
        {
            final int colon = gtid.indexOf(':');
            if (colon < 0)
            {
                return false;
            }
            final int lastColon = gtid.lastIndexOf(':');
            final UUID uuid = UUID.fromString(gtid.substring(0, colon));
            final String tag = lastColon == colon ? "" : gtid.substring(colon + 1, lastColon);
            final long gno = Long.parseLong(gtid.substring(lastColon + 1));
            if (!mysql.contains(uuid, tag, gno))
            {
                return false;
            }
            mysqlFound.addRange(uuid.getMostSignificantBits(), uuid.getLeastSignificantBits(), tag, gno, gno + 1);
            return true;
        }
        final String[] parts = gtid.split("-");
        if (parts.length != 3)
        {
            return false;
        }
        final long domain = Long.parseLong(parts[0]);
        final long server = Long.parseLong(parts[1]);
        final long sequence = Long.parseLong(parts[2]);
        boolean taken = false;
        for (int i = 0; i < mariadb.size(); i++)
        {
            final MariadbRange range = mariadb.get(i);
            if (range.domain() == domain && range.server() == server && sequence >= range.first() && sequence <= range.last())
            {
                mariadbFound[i]++;
                taken = true;
            }
        }
        return taken;
    }

    /** Whether every GTID of the set was taken. */
    boolean isComplete()
    {
        if (mysql != null)
        {
            return canonical(mysqlFound).equals(canonical(mysql));
        }
        for (int i = 0; i < mariadb.size(); i++)
        {
            if (mariadbFound[i] != mariadb.get(i).size())
            {
                return false;
            }
        }
        return true;
    }

    /** A set's text with its UUIDs in order (GtidSet keeps them in the order first added). */
    private static List<String> canonical(final GtidSet set)
    {
        return Arrays.stream(set.toString().split(",")).sorted().toList();
    }

    /** What of the set was found, for a message. */
    String found()
    {
        if (mysql != null)
        {
            return mysqlFound.isEmpty() ? "none of it" : "only " + mysqlFound;
        }
        long found = 0;
        long wanted = 0;
        for (int i = 0; i < mariadb.size(); i++)
        {
            found += mariadbFound[i];
            wanted += mariadb.get(i).size();
        }
        return found + " of its " + wanted + " transactions";
    }

    @Override
    public String toString()
    {
        return text;
    }
}
