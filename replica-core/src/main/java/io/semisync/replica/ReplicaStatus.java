package io.semisync.replica;

/**
 * A consistent snapshot of the replica for operators, tests and the demo, taken on the replica's thread so that
 * no field is torn from another (a file never paired with another file's position).
 *
 * @param state              what the replica is doing
 * @param semisync           whether the current connection is semisynchronous
 * @param source             the source's address, flavor and version once known
 * @param sourceServerId     the source's server_id, 0 before the first connection
 * @param sourceUuid         the source's server_uuid (empty on MariaDB and before the first connection)
 * @param connects           successful stream starts since the replica started
 * @param eventsStored       events appended to the relay log
 * @param transactionsStored transactions (and standalone events) completed in the relay log
 * @param acksSent           semisync ACKs written
 * @param ackJournalWrites   syncs for an ACK that were a write of the ACK journal, not an fdatasync of the relay log's files
 * @param lastAck            {@code file:position} of the last ACK, empty if none
 * @param storedFile         the source binlog file of the last durably stored transaction, empty if none
 * @param storedPosition     the end position of that transaction in {@code storedFile}
 * @param storedIndex        the relay-log index of that transaction's last record, -1 if none
 * @param resumesByGtid      whether streams resume by GTID (MySQL's auto-position) rather than file and position
 * @param resumedFrom        where the last stream started: the GTIDs held, or a binlog file:position
 * @param lastError          the last problem of the stream, {@link ReplicationError#NONE} if none
 * @param experiment         the distant-replica experiment running ({@code WanEmulation.describe()}), empty if none
 */
public record ReplicaStatus(
    ReplicaState state,
    SemisyncMode semisync,
    String source,
    long sourceServerId,
    String sourceUuid,
    long connects,
    long eventsStored,
    long transactionsStored,
    long acksSent,
    long ackJournalWrites,
    String lastAck,
    String storedFile,
    long storedPosition,
    long storedIndex,
    boolean resumesByGtid,
    String resumedFrom,
    ReplicationError lastError,
    String experiment)
{
    /** One line for logs and the command line. */
    public String summary()
    {
        return state + ", " + semisync.description() + ", source " + source + ", connects " + connects
            + ", events " + eventsStored + ", transactions " + transactionsStored + ", ACKs " + acksSent
            + (lastAck.isEmpty() ? "" : " (last " + lastAck + ")")
            + ", ACK journal writes " + ackJournalWrites
            + (lastError.isNone() ? "" : ", last error: " + lastError.message())
            + (experiment.isEmpty() ? "" : ", EXPERIMENT " + experiment);
    }
}
