package io.semisync.replica;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The downstream replicas registered on the replication endpoint (COM_REGISTER_SLAVE), by connection, as the admin
 * endpoint's {@code SHOW REPLICAS} lists them; a replica leaves the list when its connection closes. Thread-safe.
 */
public final class DownstreamReplicas
{
    private final Map<Long, Downstream> byConnection = new ConcurrentSkipListMap<>();

    /**
     * One registered replica.
     *
     * @param serverId its server_id
     * @param host     the host it reports ({@code report_host}), empty when it reports none
     * @param port     the port it reports
     * @param uuid     its server UUID ({@code @replica_uuid}), empty when it set none
     */
    public record Downstream(long serverId, String host, int port, String uuid)
    {
    }

    public void register(final long connectionId, final Downstream replica)
    {
        byConnection.put(connectionId, replica);
    }

    public void remove(final long connectionId)
    {
        byConnection.remove(connectionId);
    }

    /** The registered replicas, in the order their connections were made. */
    public List<Downstream> list()
    {
        return List.copyOf(byConnection.values());
    }
}
