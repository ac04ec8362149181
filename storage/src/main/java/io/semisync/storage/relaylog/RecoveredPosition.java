package io.semisync.storage.relaylog;

/**
 * Where replication resumes: the last commit point stored in the relay log.
 *
 * @param lastCommitIndex relay log index of the last record with {@link RecordFlags#TRANSACTION_END}, -1 if none.
 * @param sourceFileName  source binlog file of that record, null if none.
 * @param endPosition     end position of that record in its source file, 0 if none.
 * @param droppedRecords  records of an incomplete trailing transaction that this open voided (or, opened
 *                        read-only, found pending after the commit point).
 */
public record RecoveredPosition(long lastCommitIndex, String sourceFileName, long endPosition, long droppedRecords)
{
    /**
     * @return whether the relay log holds any commit point.
     */
    public boolean hasCommitPoint()
    {
        return lastCommitIndex >= 0;
    }
}
