package io.semisync.it.replica;

import io.semisync.sources.Flavor;
import io.semisync.sources.SourceServer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The source's side of the comparison: its own GTIDs (MySQL: {@code server_uuid:gno}; MariaDB: domain 0,
 * its server_id, sequence) and the transactions of its binlog files as {@code SHOW BINLOG EVENTS} lists them.
 */
public final class SourceBinlog
{
    private static final Pattern MYSQL_GTID = Pattern.compile("'([0-9a-fA-F-]{36}:\\d+)'");
    private static final Pattern MARIADB_GTID = Pattern.compile("GTID (\\d+-\\d+-\\d+)");

    private SourceBinlog()
    {
    }

    /**
     * The sequence number of the source's latest transaction: the highest GNO of its own UUID in
     * {@code gtid_executed} (which must be one interval), or the sequence of domain 0 in {@code gtid_binlog_pos};
     * 0 if it has none.
     */
    public static long lastSequence(final SourceServer server)
    {
        if (server.flavor() == Flavor.MYSQL)
        {
            final String uuid = server.queryValue("SELECT @@global.server_uuid");
            final String executed = server.queryValue("SELECT @@global.gtid_executed").replaceAll("\\s", "");
            for (final String set : executed.split(","))
            {
                if (set.startsWith(uuid + ":"))
                {
                    final String[] intervals = set.substring(uuid.length() + 1).split(":");
                    if (intervals.length != 1 || !intervals[0].startsWith("1-") && !intervals[0].equals("1"))
                    {
                        throw new AssertionError("the source's own GTIDs are not one interval from 1: " + executed);
                    }
                    final String interval = intervals[0];
                    return Long.parseLong(interval.substring(interval.indexOf('-') + 1));
                }
            }
            return 0;
        }
        final String prefix = "0-" + server.serverId() + "-";
        for (final String gtid : server.queryValue("SELECT @@global.gtid_binlog_pos").replaceAll("\\s", "").split(","))
        {
            if (gtid.startsWith(prefix))
            {
                return Long.parseLong(gtid.substring(prefix.length()));
            }
        }
        return 0;
    }

    /** The text of the source's own GTID with sequence {@code sequence}, as the relay log prints it. */
    public static String gtid(final SourceServer server, final long sequence)
    {
        return gtidPrefix(server) + sequence;
    }

    /** What the source's own GTIDs start with: {@code server_uuid:} or {@code 0-server_id-}. */
    private static String gtidPrefix(final SourceServer server)
    {
        return server.flavor() == Flavor.MYSQL ? server.queryValue("SELECT @@global.server_uuid") + ":" : "0-" + server.serverId() + "-";
    }

    /**
     * The source's own transactions with sequence numbers {@code first..last}, in binlog order, each with the
     * {@code file:end-position} of its events from the GTID event to the XID.
     */
    static List<BinlogTransaction> transactions(final SourceServer server, final long first, final long last)
    {
        final String prefix = gtidPrefix(server);
        final List<String> wanted = new ArrayList<>();
        for (long sequence = first; sequence <= last; sequence++)
        {
            wanted.add(prefix + sequence);
        }
        final Set<String> wantedSet = new HashSet<>(wanted);
        final List<BinlogTransaction> transactions = new ArrayList<>();
        String gtid = null;
        List<String> positions = new ArrayList<>();
        for (final List<String> log : server.query("SHOW BINARY LOGS"))
        {
            final String file = log.get(0);
            final List<List<String>> events = server.query("SHOW BINLOG EVENTS IN '" + file + "'");
            for (int i = 0; i < events.size(); i++)
            {
                final List<String> event = events.get(i);
                final String type = event.get(2);
                final String position = file + ":" + endPosition(events, i);
                if (type.startsWith("Gtid") && !type.startsWith("Gtid_list"))
                {
                    if (gtid != null)
                    {
                        throw new AssertionError("source transaction " + gtid + " has no XID before the GTID event at " + position);
                    }
                    gtid = gtidOf(server.flavor(), event.get(5), position);
                    positions = new ArrayList<>();
                }
                if (gtid != null)
                {
                    positions.add(position);
                    if ("Xid".equals(type) || "Query".equals(type) && positions.size() == 2 && !event.get(5).startsWith("BEGIN"))
                    {
                        if (wantedSet.contains(gtid))
                        {
                            transactions.add(new BinlogTransaction(gtid, List.copyOf(positions)));
                        }
                        gtid = null;
                    }
                }
            }
        }
        if (transactions.size() != wanted.size())
        {
            throw new AssertionError("the source's binlog holds " + transactions.size() + " of its " + wanted.size()
                + " transactions with sequence numbers " + first + " to " + last);
        }
        return transactions;
    }

    /**
     * The End_log_pos of event {@code i}; MariaDB 11 shows 0 for the events inside a transaction
     * ({@code binlog_legacy_event_pos=OFF}), which end where the next event begins (its Pos).
     */
    private static String endPosition(final List<List<String>> events, final int i)
    {
        final String end = events.get(i).get(4);
        return "0".equals(end) && i + 1 < events.size() ? events.get(i + 1).get(1) : end;
    }

    private static String gtidOf(final Flavor flavor, final String info, final String position)
    {
        final Matcher matcher = (flavor == Flavor.MYSQL ? MYSQL_GTID : MARIADB_GTID).matcher(info);
        if (!matcher.find())
        {
            throw new AssertionError("no GTID in the GTID event at " + position + ": " + info);
        }
        return matcher.group(1);
    }
}
