package io.semisync.benchmarks.load;

import io.semisync.protocol.binlog.BinlogEventType;
import io.semisync.replica.DataDirectory;
import io.semisync.replica.cli.RelayLogLines;
import io.semisync.storage.relaylog.RelayLog;
import io.semisync.storage.relaylog.RelayLogConfig;
import io.semisync.storage.relaylog.RelayLogReader;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;

/** What a replica's relay log holds: events by type, commit points, ACK-requested events, and the last events. */
public final class RelayLogSummary
{
    private final Map<String, Long> eventsByType = new TreeMap<>();
    private final Deque<String> lastLines = new ArrayDeque<>();
    private long events;
    private long commits;
    private long ackRequested;

    /** Reads the relay log in {@code dataDirectory} (read-only; the replica may be stopped or running). */
    public static RelayLogSummary read(final Path dataDirectory, final int lastLineCount)
    {
        final RelayLogSummary summary = new RelayLogSummary();
        try (RelayLog relayLog = RelayLog.open(new RelayLogConfig().directory(DataDirectory.relayLogOf(dataDirectory)).readOnly(true).validate());
            RelayLogReader reader = relayLog.openReader())
        {
            reader.toStart();
            while (reader.poll(record ->
            {
                summary.events++;
                summary.eventsByType.merge(BinlogEventType.name(record.eventType()), 1L, Long::sum);
                summary.commits += record.isTransactionEnd() ? 1 : 0;
                summary.ackRequested += record.isAckRequested() ? 1 : 0;
                summary.lastLines.addLast(RelayLogLines.line(record));
                if (summary.lastLines.size() > lastLineCount)
                {
                    summary.lastLines.removeFirst();
                }
            }, 4096) > 0)
            {
                // keep reading
            }
        }
        return summary;
    }

    public long events()
    {
        return events;
    }

    public void print(final PrintStream out)
    {
        out.printf("Relay log: %d events, %d complete transactions or standalone events, %d events the source asked us to ACK%n",
            events, commits, ackRequested);
        eventsByType.forEach((type, count) -> out.printf("  %-20s %8d%n", type, count));
        out.println("Last events (index, type, source file:end position, GTID, time, commit/ack):");
        lastLines.forEach(line -> out.println("  " + line));
    }
}
