package io.semisync.benchmarks.harness;

import io.semisync.sources.SourceEndpoint;

/**
 * The schema {@code bench} writes its load into on the user's source. It is created with a marker table, so that bench
 * can tell its own schema (left by a run that was killed) from one that holds someone's data: a schema without the
 * marker is never written into or dropped. {@link #drop()} drops the schema only while the marker is still in it.
 */
final class ScratchSchema
{
    /** The table that says bench created the schema. */
    static final String MARKER = "semisync_bench_marker";

    private final SourceEndpoint source;
    private final String name;
    private final boolean leftByEarlierRun;
    private boolean dropped;

    private ScratchSchema(final SourceEndpoint source, final String name, final boolean leftByEarlierRun)
    {
        this.source = source;
        this.name = name;
        this.leftByEarlierRun = leftByEarlierRun;
    }

    /**
     * Creates the schema with its marker, or takes over one an earlier bench run left.
     *
     * @param name  letters, digits and {@code _} only ({@link BenchSettings} checked it)
     * @throws IllegalStateException if the schema exists without the marker: it is not ours
     */
    static ScratchSchema claim(final SourceEndpoint source, final String name)
    {
        if (exists(source, name))
        {
            if (!hasMarker(source, name))
            {
                throw new IllegalStateException("refusing to use the schema " + name + ": it exists on " + source + " and was not created "
                    + "by bench (it has no table " + MARKER + "); bench only writes into and drops a schema it created. Name another "
                    + "with --scratch-schema");
            }
            return new ScratchSchema(source, name, true);
        }
        source.execute("CREATE DATABASE " + name,
            "CREATE TABLE " + name + "." + MARKER + " (created_at TIMESTAMP(6) NOT NULL, note VARCHAR(200) NOT NULL)",
            "INSERT INTO " + name + "." + MARKER + " VALUES (NOW(6), 'created by semisync-replica bench, dropped when it ends')");
        return new ScratchSchema(source, name, false);
    }

    String name()
    {
        return name;
    }

    /** Whether an earlier bench run created it and did not get to drop it. */
    boolean leftByEarlierRun()
    {
        return leftByEarlierRun;
    }

    /** Drops the schema if it still holds the marker; once only. Returns whether this call dropped it. */
    synchronized boolean drop()
    {
        if (dropped || !exists(source, name) || !hasMarker(source, name))
        {
            return false;
        }
        source.execute("DROP DATABASE " + name);
        dropped = true;
        return true;
    }

    private static boolean exists(final SourceEndpoint source, final String name)
    {
        return !source.query("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '" + name + "'").isEmpty();
    }

    private static boolean hasMarker(final SourceEndpoint source, final String name)
    {
        return !source.query("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = '" + name + "' AND TABLE_NAME = '"
            + MARKER + "'").isEmpty();
    }
}
