package io.semisync.benchmarks.harness;

import io.semisync.sources.Flavor;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What is connected to the source while a point is measured, and how. Our rows run our replica with its relay log on
 * the disk (the product), on tmpfs (the upper bound without a disk sync), from a baseline build (an earlier commit's
 * jar, to compare before and after a change within one run) or, on MariaDB, with the source waiting for the ACK after
 * the commit instead of after the binlog sync. The native rows are the flavor's own replica (a second
 * server): "I/O only" runs just the receiver thread, an archive like ours; "with applier" runs the SQL thread too, so
 * the replica also executes what it receives. Each has a {@link #key()} by which {@code SEMISYNC_BENCH_CONFIGS}
 * selects it.
 */
enum Configuration
{
    OURS("1", "ours", "ours, durable before ACK", RelayLogPlace.DISK, null, List.of()),
    OURS_GROUP_WAIT("1w", "ours-group-wait", "ours, waiting 100 us for the rest of a commit group", RelayLogPlace.DISK, null,
        List.of("--group-commit-wait-us", "100"), Flavor.MARIADB),
    OURS_TMPFS("1t", "ours-tmpfs", "ours, relay log on tmpfs (no disk sync cost)", RelayLogPlace.TMPFS, null, List.of()),
    OURS_BASELINE("1b", "ours-baseline", "ours, baseline build (SEMISYNC_BASELINE_JAR)", RelayLogPlace.DISK, null, List.of()),
    OURS_AFTER_COMMIT("1c", "ours-after-commit", "ours, source wait point AFTER_COMMIT", RelayLogPlace.DISK, "AFTER_COMMIT", List.of(),
        Flavor.MARIADB),
    NATIVE_DURABLE("2", "native-durable", "native, sync_relay_log=1, I/O only", "1", false),
    NATIVE_DEFAULT("3", "native-default", "native, default sync_relay_log, I/O only", "DEFAULT", false),
    NATIVE_DURABLE_APPLIER("2a", "native-durable-applier", "native, sync_relay_log=1, with applier", "1", true),
    NATIVE_DEFAULT_APPLIER("3a", "native-default-applier", "native, default sync_relay_log, with applier", "DEFAULT", true),
    ASYNC("4", "async", "no replica (async)");

    /** Which replica a configuration connects. */
    enum Replica
    {
        OURS, NATIVE, NONE
    }

    /** Where our replica keeps its relay log. */
    enum RelayLogPlace
    {
        /** {@link HarnessSettings#WORK_DIRECTORY}, on the disk the sources use too. */
        DISK,
        /** {@link HarnessSettings#TMPFS_DATA_DIRECTORY}: a sync costs no disk flush there. */
        TMPFS
    }

    private final String code;
    private final String key;
    private final String description;
    private final Replica replica;
    private final String syncRelayLog;
    private final boolean applier;
    private final RelayLogPlace relayLogPlace;
    private final String sourceWaitPoint;
    private final List<String> replicaArgs;
    private final Set<Flavor> flavors;

    /** Our replica; with {@code flavors} only against those, otherwise against every flavor. */
    Configuration(final String code, final String key, final String description, final RelayLogPlace relayLogPlace,
        final String sourceWaitPoint, final List<String> replicaArgs, final Flavor... flavors)
    {
        this(code, key, description, Replica.OURS, null, false, relayLogPlace, sourceWaitPoint, replicaArgs,
            flavors.length == 0 ? EnumSet.allOf(Flavor.class) : EnumSet.copyOf(Arrays.asList(flavors)));
    }

    /** The native replica. */
    Configuration(final String code, final String key, final String description, final String syncRelayLog, final boolean applier)
    {
        this(code, key, description, Replica.NATIVE, syncRelayLog, applier, null, null, List.of(), EnumSet.allOf(Flavor.class));
    }

    /** No replica. */
    Configuration(final String code, final String key, final String description)
    {
        this(code, key, description, Replica.NONE, null, false, null, null, List.of(), EnumSet.allOf(Flavor.class));
    }

    Configuration(final String code, final String key, final String description, final Replica replica, final String syncRelayLog,
        final boolean applier, final RelayLogPlace relayLogPlace, final String sourceWaitPoint, final List<String> replicaArgs,
        final Set<Flavor> flavors)
    {
        this.code = code;
        this.key = key;
        this.description = description;
        this.replica = replica;
        this.syncRelayLog = syncRelayLog;
        this.applier = applier;
        this.relayLogPlace = relayLogPlace;
        this.sourceWaitPoint = sourceWaitPoint;
        this.replicaArgs = replicaArgs;
        this.flavors = flavors;
    }

    /**
     * The configurations a comma-separated list of keys names, in the order of this enum; {@code all} names every one.
     *
     * @throws IllegalArgumentException naming the unknown key and the known ones
     */
    static Set<Configuration> parse(final String keys)
    {
        final Set<Configuration> selected = EnumSet.noneOf(Configuration.class);
        for (final String key : keys.split(","))
        {
            final String trimmed = key.trim().toLowerCase(Locale.ROOT);
            if (trimmed.equals("all"))
            {
                selected.addAll(EnumSet.allOf(Configuration.class));
                continue;
            }
            selected.add(Arrays.stream(values()).filter(c -> c.key.equals(trimmed)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("unknown configuration '" + key.trim() + "'; known: all, " + keys())));
        }
        return selected;
    }

    /** Every key, comma-separated, for usage and error messages. */
    static String keys()
    {
        return Arrays.stream(values()).map(c -> c.key).collect(Collectors.joining(","));
    }

    Replica replica()
    {
        return replica;
    }

    /** The native replica's {@code sync_relay_log} as SQL: {@code 1} or {@code DEFAULT}. */
    String syncRelayLog()
    {
        return syncRelayLog;
    }

    /** Whether the native replica's applier (SQL thread) runs besides its I/O thread. */
    boolean applier()
    {
        return applier;
    }

    /** Whether our replica runs from the baseline build (an earlier commit's jar) instead of the current one. */
    boolean baselineBuild()
    {
        return this == OURS_BASELINE;
    }

    /** Options our replica runs with beyond the harness's own. */
    List<String> replicaArgs()
    {
        return replicaArgs;
    }

    /** Where our replica keeps its relay log; null for the other replicas. */
    RelayLogPlace relayLogPlace()
    {
        return relayLogPlace;
    }

    /** The source's semisync wait point during this configuration's points, null for the harness's AFTER_SYNC. */
    String sourceWaitPoint()
    {
        return sourceWaitPoint;
    }

    /** Whether this configuration is measured against sources of the flavor. */
    boolean appliesTo(final Flavor flavor)
    {
        return flavors.contains(flavor);
    }

    /** Semisync replicas the source must report while this configuration is measured. */
    long semisyncClients()
    {
        return replica == Replica.NONE ? 0 : 1;
    }

    /** E.g. {@code native-durable-applier}. */
    String key()
    {
        return key;
    }

    /** E.g. {@code (2a)}. */
    String code()
    {
        return "(" + code + ")";
    }

    /** E.g. {@code (2a) native, sync_relay_log=1, with applier}. */
    String label()
    {
        return code() + " " + description;
    }
}
