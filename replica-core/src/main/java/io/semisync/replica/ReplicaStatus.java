package io.semisync.replica;

/**
 * A snapshot of the replica for operators, tests and the demo.
 *
 * @param state              what the replica is doing
 * @param semisync           whether the current connection is semisynchronous
 * @param source             the source's address, flavor and version once known
 * @param connects           successful stream starts since the replica started
 * @param eventsStored       events appended to the relay log
 * @param transactionsStored transactions (and standalone events) completed in the relay log
 * @param acksSent           semisync ACKs written
 * @param lastAck            {@code file:position} of the last ACK, empty if none
 * @param resumedFrom        where the last stream started: the GTIDs held, or a binlog file:position
 * @param lastError          the last problem, empty if none
 */
public record ReplicaStatus(
    ReplicaState state,
    SemisyncMode semisync,
    String source,
    long connects,
    long eventsStored,
    long transactionsStored,
    long acksSent,
    String lastAck,
    String resumedFrom,
    String lastError)
{
    /** One line for logs and the command line. */
    public String summary()
    {
        return state + ", " + semisync.description() + ", source " + source + ", connects " + connects
            + ", events " + eventsStored + ", transactions " + transactionsStored + ", ACKs " + acksSent
            + (lastAck.isEmpty() ? "" : " (last " + lastAck + ")") + (lastError.isEmpty() ? "" : ", last error: " + lastError);
    }
}
