package io.semisync.benchmarks.harness;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Every setting of {@code bench} against the user's own source ({@code scripts/bench-e2e --source ...}), each with its
 * default and meaning. {@link #parse} turns a bad or missing one into a message that says what to do before anything
 * connects; in particular it refuses to run without {@code --scratch-schema} naming the schema it may create and drop.
 */
record BenchSettings(String host, int port, String user, String password, String scratchSchema, List<Integer> clients,
    Duration perPoint, int rounds, Duration warmup, boolean toggleSemisync, List<String> ackDelays, String ackDelayJitter, long serverId,
    Path workDirectory, Path reportDirectory)
{
    static final String USAGE = "usage: scripts/bench-e2e --source HOST:PORT --user USER --password-env VARIABLE --scratch-schema NAME "
        + "[--clients 1,8] [--seconds 5] [--rounds 3] [--warmup-seconds 2] [--toggle-semisync] [--ack-delay D[,D...]] "
        + "[--ack-delay-jitter D] [--server-id N] [--work-dir DIR] [--report DIR]";
    /** Client threads of the points. */
    static final String DEFAULT_CLIENTS = "1,8";
    /** Seconds of measured load per point. */
    static final long DEFAULT_SECONDS = 5;
    /** Rounds over every point; the table shows the median over rounds. */
    static final int DEFAULT_ROUNDS = 3;
    /** A slice of unmeasured load at {@link HarnessSettings#WARMUP_CLIENTS} clients before each point ({@link WarmUp}). */
    static final long DEFAULT_WARMUP_SECONDS = HarnessSettings.WARMUP.toSeconds();
    /** Our replica's server_id towards the source: unlikely to be taken; checked against the source's replicas. */
    static final long DEFAULT_SERVER_ID = 4_242_101;
    /** Our replica's relay logs and output, one file pair per point. */
    static final Path DEFAULT_WORK_DIRECTORY = Path.of("benchmarks", "target", "bench");
    /** The HTML report and {@code results.md}. */
    static final Path DEFAULT_REPORT_DIRECTORY = Path.of("benchmarks", "target", "bench-report");
    /** Schemas of the server itself, never a scratch schema. */
    private static final Set<String> SYSTEM_SCHEMAS = Set.of("mysql", "sys", "information_schema", "performance_schema");
    private static final Pattern SCHEMA_NAME = Pattern.compile("[A-Za-z0-9_]{1,64}");
    private static final Set<String> FLAGS = Set.of("--toggle-semisync");

    /**
     * Reads the command line.
     *
     * @param environment  the process environment, where {@code --password-env} names the password's variable
     * @throws IllegalArgumentException saying which option is missing or wrong and what to give instead
     */
    static BenchSettings parse(final List<String> args, final UnaryOperator<String> environment)
    {
        final Map<String, String> options = options(args);
        final String source = required(options, "--source", "HOST:PORT of your source");
        final int colon = source.lastIndexOf(':');
        if (colon <= 0 || colon == source.length() - 1)
        {
            throw new IllegalArgumentException("--source must be HOST:PORT, not '" + source + "'");
        }
        final int port = Math.toIntExact(HarnessSettings.positive("the port of --source", source.substring(colon + 1)));
        final String user = required(options, "--user", "a user of your source with REPLICATION SLAVE, REPLICATION CLIENT, CREATE and "
            + "DROP on the scratch schema, and SYSTEM_VARIABLES_ADMIN (or SUPER) for --toggle-semisync");
        final String variable = required(options, "--password-env", "the environment variable that holds the user's password");
        final String password = environment.apply(variable);
        if (password == null || password.isEmpty())
        {
            throw new IllegalArgumentException("the environment variable " + variable + " (--password-env) is not set: export it with "
                + "the password of " + user);
        }
        final String schema = options.get("--scratch-schema");
        if (schema == null)
        {
            throw new IllegalArgumentException("refusing to run without --scratch-schema NAME: bench creates that schema on your source, "
                + "writes its load into it and drops it at the end; name one that does not exist yet");
        }
        if (!SCHEMA_NAME.matcher(schema).matches() || SYSTEM_SCHEMAS.contains(schema.toLowerCase(Locale.ROOT)))
        {
            throw new IllegalArgumentException("--scratch-schema must be a new schema's name of letters, digits and _ (at most 64), not a "
                + "system schema: '" + schema + "'");
        }
        final String jitter = options.get("--ack-delay-jitter");
        final List<String> delays = options.containsKey("--ack-delay") ? List.of(options.get("--ack-delay").split(",")) : List.of();
        if (jitter != null && delays.isEmpty())
        {
            throw new IllegalArgumentException("--ack-delay-jitter needs --ack-delay: the jitter applies around each delay");
        }
        return new BenchSettings(source.substring(0, colon), port, user, password, schema,
            clients(options.getOrDefault("--clients", DEFAULT_CLIENTS)),
            Duration.ofSeconds(number(options, "--seconds", DEFAULT_SECONDS)),
            Math.toIntExact(number(options, "--rounds", DEFAULT_ROUNDS)),
            Duration.ofSeconds(number(options, "--warmup-seconds", DEFAULT_WARMUP_SECONDS)),
            options.containsKey("--toggle-semisync"),
            delays.stream().map(String::trim).toList(),
            jitter,
            number(options, "--server-id", DEFAULT_SERVER_ID),
            Path.of(options.getOrDefault("--work-dir", DEFAULT_WORK_DIRECTORY.toString())),
            Path.of(options.getOrDefault("--report", DEFAULT_REPORT_DIRECTORY.toString())));
    }

    /** {@code --name value} pairs and the flags without a value; anything else is an error naming it. */
    private static Map<String, String> options(final List<String> args)
    {
        final Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.size(); i++)
        {
            final String name = args.get(i);
            if (FLAGS.contains(name))
            {
                options.put(name, "");
                continue;
            }
            if (!name.startsWith("--") || !USAGE.contains(name + " ") || i + 1 == args.size())
            {
                throw new IllegalArgumentException((name.startsWith("--") && USAGE.contains(name + " ") ? name + " needs a value"
                    : "unknown argument '" + name + "'") + "; " + USAGE);
            }
            options.put(name, args.get(++i));
        }
        return options;
    }

    private static String required(final Map<String, String> options, final String name, final String what)
    {
        final String value = options.get(name);
        if (value == null || value.isBlank())
        {
            throw new IllegalArgumentException(name + " is missing: give " + what + "; " + USAGE);
        }
        return value;
    }

    private static long number(final Map<String, String> options, final String name, final long defaultValue)
    {
        return options.containsKey(name) ? HarnessSettings.positive(name, options.get(name)) : defaultValue;
    }

    private static List<Integer> clients(final String list)
    {
        final List<Integer> clients = new ArrayList<>();
        Arrays.stream(list.split(",")).forEach(count -> clients.add(Math.toIntExact(HarnessSettings.positive("--clients", count.trim()))));
        return List.copyOf(clients);
    }

    /** Without the password. */
    @Override
    public String toString()
    {
        return "source " + host + ":" + port + " as " + user + ", scratch schema " + scratchSchema + ", clients " + clients + ", "
            + perPoint.toSeconds() + " s per point, " + rounds + " rounds, " + warmup.toSeconds() + " s warm-up at "
            + HarnessSettings.WARMUP_CLIENTS + " clients per point" + (toggleSemisync ? ", semisync toggled on the source" : "")
            + (ackDelays.isEmpty() ? "" : ", ACK delays " + ackDelays + (ackDelayJitter == null ? "" : " +- " + ackDelayJitter));
    }
}
