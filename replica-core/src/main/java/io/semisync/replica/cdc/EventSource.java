package io.semisync.replica.cdc;

import io.semisync.protocol.binlog.BinlogEventType;

/**
 * Where the event being decoded came from, for each line's {@code source} block and for error messages: the source's
 * flavor and server_id, its binlog file and the event's end position there, its time, and the relay-log index of the
 * record holding it. Mutable, reused for every event.
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

    /** Names the event for an error: its type, source file and end position, and relay-log index. */
    String describe()
    {
        return "event of type " + BinlogEventType.name(type) + " ending at " + file + ":" + position
            + " (relay-log index " + index + ")";
    }
}
