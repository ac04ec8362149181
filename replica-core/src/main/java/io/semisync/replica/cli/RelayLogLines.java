package io.semisync.replica.cli;

import io.semisync.protocol.binlog.BinlogEventType;
import io.semisync.replica.session.GtidText;
import io.semisync.storage.relaylog.RelayLogRecord;

import java.time.Instant;

/**
 * One line per stored event, as {@code semisync-replica dump} prints it: index, event type, source
 * {@code file:end-position}, GTID, event time, and {@code commit} / {@code ack} marks, tab-separated.
 */
public final class RelayLogLines
{
    private RelayLogLines()
    {
    }

    public static String line(final RelayLogRecord record)
    {
        return record.index()
            + "\t" + BinlogEventType.name(record.eventType())
            + "\t" + record.sourceFileName() + ':' + record.endPosition()
            + "\t" + GtidText.of(record.gtidKind(), record.buffer(), record.gtidOffset(), record.gtidLength())
            + "\t" + Instant.ofEpochSecond(record.eventTimestamp())
            + (record.isTransactionEnd() ? "\tcommit" : "\t-")
            + (record.isAckRequested() ? "\tack" : "");
    }
}
