package io.semisync.it.replica;

import io.semisync.it.SourceRelease;
import io.semisync.sources.Flavor;

import java.nio.file.Path;

/** Where the replica processes of a test write stdout and stderr: kept under target/ to read after a failure. */
public final class ReplicaLogs
{
    private ReplicaLogs()
    {
    }

    public static Path directory(final Class<?> test, final Flavor flavor)
    {
        return Path.of("target", "replica-logs", test.getSimpleName() + "-" + flavor);
    }

    public static Path directory(final Class<?> test, final SourceRelease release)
    {
        return Path.of("target", "replica-logs", test.getSimpleName() + "-" + release);
    }
}
