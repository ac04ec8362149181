package io.semisync.replica.cdc;

import io.semisync.protocol.binlog.BinlogEventType;

/**
 * Where the event being decoded came from, for each line's {@code source} block and for error messages: the source's
 * flavor and server_id, its binlog file and the event's end position there, its time, the relay-log index of the
 * record holding it, and the statement that caused the rows (from a ROWS_QUERY or ANNOTATE_ROWS event, when the source
 * logs them). Mutable, reused for every event.
 */
final class EventSource
{
    String flavor = "mysql";
    long serverId;
    String file;
    long position;
    long timestampSeconds;
    long index;
    int type;
    /** The statement of the rows events that follow, null when the source logged none in this transaction. */
    String query;

    /** Names the event for an error: its type, source file and end position, and relay-log index. */
    String describe()
    {
        return "event of type " + BinlogEventType.name(type) + " ending at " + file + ":" + position
            + " (relay-log index " + index + ")";
    }
}
