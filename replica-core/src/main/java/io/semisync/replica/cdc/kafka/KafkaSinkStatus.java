package io.semisync.replica.cdc.kafka;

import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;

/**
 * What a Kafka sink process last said of itself in its status file ({@link KafkaSinkStatusFiles}), for the replica's
 * admin status and metrics: the sink may run as a process of its own.
 *
 * @param name               the sink's name, {@code <topic prefix>-<feed>} ({@code cdc} or {@code archive}).
 * @param transactionalId    its Kafka {@code transactional.id}.
 * @param running            false once it has stopped cleanly.
 * @param position           the feed position of its last Kafka commit, empty before the first.
 * @param records            records committed since the process started.
 * @param transactionsBehind durable relay-log transactions it has still to publish (a lower bound unless {@code behindExact}).
 * @param behindExact        whether {@code transactionsBehind} counts them all.
 * @param millisBehindSource how far its last commit was behind the source's time of its last change.
 * @param failedAttempts     attempts to reach Kafka that failed since the process started.
 * @param updated            when it wrote the file.
 */
public record KafkaSinkStatus(String name, String transactionalId, boolean running, String position, long records,
    long transactionsBehind, boolean behindExact, long millisBehindSource, long failedAttempts, Instant updated)
{
    /** A running sink rewrites its file at least this often (or after each failed attempt, at most 5 s apart). */
    public static final Duration WRITE_INTERVAL = Duration.ofSeconds(1);
    /** A running sink whose file is older than this is {@code SILENT}: killed, hung, or waiting on Kafka for that long. */
    public static final Duration SILENT_AFTER = Duration.ofSeconds(30);

    /** {@code RUNNING}, {@code STOPPED} or {@code SILENT} (no news for {@link #SILENT_AFTER}), as of {@code now}. */
    public String state(final Instant now)
    {
        if (!running)
        {
            return "STOPPED";
        }
        return Duration.between(updated, now).compareTo(SILENT_AFTER) > 0 ? "SILENT" : "RUNNING";
    }

    /** {@code transactionsBehind}, with {@code >=} before it while it is a lower bound. */
    public String transactionsBehindText()
    {
        return (behindExact ? "" : ">=") + transactionsBehind;
    }

    /** The file's text: one {@code key=value} line per field. */
    String format()
    {
        return "transactional_id=" + transactionalId + "\nrunning=" + running + "\nposition=" + position + "\nrecords=" + records
            + "\ntransactions_behind=" + transactionsBehind + "\nbehind_exact=" + behindExact + "\nms_behind_source=" + millisBehindSource
            + "\nfailed_attempts=" + failedAttempts + "\nupdated=" + updated + "\n";
    }

    /**
     * Reads a file's text back.
     *
     * @throws IllegalArgumentException naming the field that is missing or not what it should be.
     */
    static KafkaSinkStatus parse(final String name, final String text)
    {
        final Properties fields = new Properties();
        try
        {
            fields.load(new StringReader(text));
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException(ex.getMessage(), ex);
        }
        return new KafkaSinkStatus(name, field(fields, "transactional_id"), Boolean.parseBoolean(field(fields, "running")),
            field(fields, "position"), number(fields, "records"), number(fields, "transactions_behind"),
            Boolean.parseBoolean(field(fields, "behind_exact")), number(fields, "ms_behind_source"), number(fields, "failed_attempts"),
            Instant.parse(field(fields, "updated")));
    }

    private static String field(final Properties fields, final String key)
    {
        final String value = fields.getProperty(key);
        if (value == null)
        {
            throw new IllegalArgumentException("no " + key);
        }
        return value;
    }

    private static long number(final Properties fields, final String key)
    {
        return Long.parseLong(field(fields, key));
    }
}
