package io.semisync.sources;

/**
 * Settings of a source server that tests and benchmarks vary. Every source waits for a semisync ACK
 * only while a semisync replica is connected ({@code wait_no_replica} / {@code wait_no_slave} OFF), so
 * writes without a replica never stall; with one connected, a commit waits up to the timeout.
 *
 * @param serverId               the source's server_id
 * @param semisyncTimeoutMillis  how long a commit waits for a semisync ACK before the source falls back to async
 * @param semisyncEnabled        whether the semisync source side starts enabled
 * @param mariadbRelease         the release a MariaDB source runs; a MySQL source takes only the default
 */
public record SourceOptions(long serverId, long semisyncTimeoutMillis, boolean semisyncEnabled, MariadbRelease mariadbRelease)
{
    /** server_id 1, semisync on with a 10-minute timeout so a test never falls back to async unnoticed, MariaDB 10.11. */
    public static SourceOptions defaults()
    {
        return new SourceOptions(1, 600_000, true, MariadbRelease.V10_11);
    }

    public SourceOptions withServerId(final long serverId)
    {
        return new SourceOptions(serverId, semisyncTimeoutMillis, semisyncEnabled, mariadbRelease);
    }

    public SourceOptions withSemisyncTimeoutMillis(final long timeoutMillis)
    {
        return new SourceOptions(serverId, timeoutMillis, semisyncEnabled, mariadbRelease);
    }

    public SourceOptions withSemisyncEnabled(final boolean enabled)
    {
        return new SourceOptions(serverId, semisyncTimeoutMillis, enabled, mariadbRelease);
    }

    public SourceOptions withMariadbRelease(final MariadbRelease release)
    {
        return new SourceOptions(serverId, semisyncTimeoutMillis, semisyncEnabled, release);
    }
}
