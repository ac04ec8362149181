package io.semisync.storage.relaylog;

/**
 * Receives records from a {@link RelayLogReader}. The record view is valid only during the call.
 */
@FunctionalInterface
public interface RecordHandler
{
    /**
     * @param record view of the record; copy out what must outlive the call.
     */
    void onRecord(RelayLogRecord record);
}
