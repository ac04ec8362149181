package io.semisync.benchmarks.harness;

import io.semisync.sources.Flavor;
import io.semisync.sources.SourceEndpoint;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The source's own counters at one moment, read in one {@code SHOW GLOBAL STATUS}: its semisync status variables
 * ({@code Rpl_semi_sync_source_*} on MySQL, {@code Rpl_semi_sync_master_*} on MariaDB) and MariaDB's binlog group
 * commit counters. {@link #since} turns two of them into what the source saw in between.
 */
final class SourceStatus
{
    private static final String QUERY =
        "SHOW GLOBAL STATUS WHERE Variable_name LIKE 'Rpl_semi_sync%' OR Variable_name LIKE 'Binlog%commits'";

    private final Flavor flavor;
    private final Map<String, Long> values;

    SourceStatus(final Flavor flavor, final Map<String, Long> values)
    {
        this.flavor = flavor;
        this.values = Map.copyOf(values);
    }

    static SourceStatus of(final SourceEndpoint source)
    {
        return of(source.flavor(), source.query(QUERY));
    }

    /** From the rows of {@code SHOW GLOBAL STATUS}: numbers as they are, ON and OFF as 1 and 0, anything else left out. */
    static SourceStatus of(final Flavor flavor, final List<List<String>> rows)
    {
        final Map<String, Long> values = new HashMap<>();
        for (final List<String> row : rows)
        {
            final String value = row.get(1);
            if ("ON".equalsIgnoreCase(value) || "OFF".equalsIgnoreCase(value))
            {
                values.put(row.get(0), "ON".equalsIgnoreCase(value) ? 1L : 0L);
            }
            else if (value != null && value.matches("\\d+"))
            {
                values.put(row.get(0), Long.parseLong(value));
            }
        }
        return new SourceStatus(flavor, values);
    }

    /**
     * What the source counted from {@code before} to this moment.
     *
     * @param commits  transactions committed in between, as the load counted them: MySQL has no status variable that
     *                 counts binlog transactions alone (MariaDB's {@code Binlog_commits} is used there)
     */
    SourceView since(final SourceStatus before, final long commits)
    {
        if (flavor == Flavor.MARIADB)
        {
            return new SourceView(
                delta(before, "Binlog_commits"),
                delta(before, "Binlog_group_commits"),
                delta(before, semisync("tx_wait_time")),
                delta(before, semisync("tx_waits")),
                delta(before, semisync("no_tx")),
                delta(before, semisync("get_ack")));
        }
        // MySQL waits once per binlog group commit at AFTER_SYNC: yes_tx or no_tx counts each group once
        return new SourceView(
            commits,
            delta(before, semisync("yes_tx")) + delta(before, semisync("no_tx")),
            delta(before, semisync("tx_wait_time")),
            delta(before, semisync("tx_waits")),
            delta(before, semisync("no_tx")),
            SourceView.UNKNOWN);
    }

    private String semisync(final String suffix)
    {
        return flavor.semisyncStatusPrefix() + "_" + suffix;
    }

    private long delta(final SourceStatus before, final String name)
    {
        return value(name) - before.value(name);
    }

    private long value(final String name)
    {
        final Long value = values.get(name);
        if (value == null)
        {
            throw new IllegalStateException("the " + flavor + " source has no numeric status variable " + name + "; it has " + values.keySet());
        }
        return value;
    }
}
