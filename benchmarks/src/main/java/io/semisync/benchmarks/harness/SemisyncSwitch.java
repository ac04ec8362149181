package io.semisync.benchmarks.harness;

import io.semisync.sources.SourceEndpoint;

import java.util.List;

/**
 * The source's semisync switch ({@code rpl_semi_sync_source_enabled} on MySQL, {@code rpl_semi_sync_master_enabled} on
 * MariaDB) as {@code bench} found it: set per point with {@code SET GLOBAL} where the user allowed it, and put back as it
 * was by {@link #restore()}.
 */
final class SemisyncSwitch
{
    private final SourceEndpoint source;
    private final String variable;
    private final boolean initiallyOn;
    private boolean on;

    private SemisyncSwitch(final SourceEndpoint source, final String variable, final boolean initiallyOn)
    {
        this.source = source;
        this.variable = variable;
        this.initiallyOn = initiallyOn;
        this.on = initiallyOn;
    }

    /** Reads the switch; throws, saying how to install it, if the source has no semisync source plugin. */
    static SemisyncSwitch of(final SourceEndpoint source)
    {
        final String variable = source.flavor().semisyncPrefix() + "_enabled";
        final List<List<String>> rows = source.query("SHOW GLOBAL VARIABLES LIKE '" + variable + "'");
        if (rows.isEmpty())
        {
            throw new IllegalStateException(source + " has no semisync source plugin (no variable " + variable + "): install it, "
                + "e.g. INSTALL PLUGIN rpl_semi_sync_source SONAME 'semisync_source.so' on MySQL (MariaDB has it built in), and run again");
        }
        return new SemisyncSwitch(source, variable, "ON".equalsIgnoreCase(rows.get(0).get(1)));
    }

    String variable()
    {
        return variable;
    }

    boolean initiallyOn()
    {
        return initiallyOn;
    }

    /** Switches semisync on or off on the source, if it is not already. */
    synchronized void set(final boolean wanted)
    {
        if (on != wanted)
        {
            source.execute("SET GLOBAL " + variable + " = " + (wanted ? "ON" : "OFF"));
            on = wanted;
        }
    }

    /** Puts the switch back as it was found. */
    void restore()
    {
        set(initiallyOn);
    }
}
