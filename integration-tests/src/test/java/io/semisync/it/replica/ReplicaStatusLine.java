package io.semisync.it.replica;

import io.semisync.replica.ReplicaState;
import io.semisync.replica.SemisyncMode;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code status:} line of the replica's stdout, e.g. {@code status: STREAMING, semisync: the source waits
 * for our ACKs, source ..., connects 1, events 12, transactions 2, ACKs 2 (last binlog.000002:1234)}.
 *
 * @param line        the whole line
 * @param state       the replica's state
 * @param semisync    the semisync mode whose description the line carries
 * @param connects    successful stream starts of this process
 * @param events      events stored by this process
 * @param transactions transactions stored by this process
 * @param acks        ACKs sent by this process
 * @param lastAck     {@code file:position} of the last ACK this process sent, empty if none
 */
public record ReplicaStatusLine(
    String line, ReplicaState state, SemisyncMode semisync, long connects, long events, long transactions, long acks, String lastAck)
{
    static final String PREFIX = "status: ";

    private static final Pattern COUNTERS = Pattern.compile(
        ", connects (\\d+), events (\\d+), transactions (\\d+), ACKs (\\d+)(?: \\(last ([^)]+)\\))?");

    static ReplicaStatusLine parse(final String line)
    {
        if (!line.startsWith(PREFIX))
        {
            throw new IllegalArgumentException("not a status line: " + line);
        }
        final String body = line.substring(PREFIX.length());
        final ReplicaState state = ReplicaState.valueOf(body.substring(0, body.indexOf(',')));
        final SemisyncMode semisync = Arrays.stream(SemisyncMode.values())
            .filter(mode -> body.contains(", " + mode.description() + ","))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no semisync mode in status line: " + line));
        final Matcher counters = COUNTERS.matcher(body);
        if (!counters.find())
        {
            throw new IllegalArgumentException("no counters in status line: " + line);
        }
        return new ReplicaStatusLine(line, state, semisync, Long.parseLong(counters.group(1)), Long.parseLong(counters.group(2)),
            Long.parseLong(counters.group(3)), Long.parseLong(counters.group(4)), counters.group(5) == null ? "" : counters.group(5));
    }

    /** Streaming with the source waiting for our ACKs. */
    public boolean isSemisyncStreaming()
    {
        return state == ReplicaState.STREAMING && semisync == SemisyncMode.ACTIVE;
    }
}
