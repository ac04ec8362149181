package io.semisync.storage.relaylog;

import org.agrona.DirectBuffer;

/**
 * Receives the GTID of each stored commit point, in log order ({@link RelayLog#scanCommittedGtids}).
 */
@FunctionalInterface
public interface CommittedGtidHandler
{
    /**
     * @param index  relay log index of the commit point.
     * @param kind   kind of the GTID bytes.
     * @param buffer buffer holding the GTID bytes, valid only during the call.
     * @param offset where the GTID starts.
     * @param length GTID length.
     */
    void onCommittedGtid(long index, GtidKind kind, DirectBuffer buffer, int offset, int length);
}
