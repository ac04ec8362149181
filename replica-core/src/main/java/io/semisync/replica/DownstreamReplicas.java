package io.semisync.replica;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Supplier;

/**
 * The downstream replicas registered on the replication endpoint (COM_REGISTER_SLAVE), by connection, as the admin
 * endpoint's {@code SHOW REPLICAS} lists them; a replica leaves the list when its connection closes. Thread-safe.
 */
public final class DownstreamReplicas
{
    private final Map<Long, Downstream> byConnection = new ConcurrentSkipListMap<>();
    private final Map<Long, Supplier<String>> lastAcks = new ConcurrentSkipListMap<>();

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

    /** A replica's dump began: {@code lastAck} tells the last position it acknowledged, empty when none. */
    public void acking(final long connectionId, final Supplier<String> lastAck)
    {
        lastAcks.put(connectionId, lastAck);
    }

    public void remove(final long connectionId)
    {
        byConnection.remove(connectionId);
        lastAcks.remove(connectionId);
    }

    /**
     * A registered replica as listed.
     *
     * @param replica what it registered
     * @param lastAck the last position it acknowledged as semisync replica ({@code file:position}), empty when none
     */
    public record Listed(Downstream replica, String lastAck)
    {
    }

    /** The registered replicas, in the order their connections were made. */
    public List<Listed> list()
    {
        return byConnection.entrySet().stream()
            .map(entry -> new Listed(entry.getValue(), lastAcks.getOrDefault(entry.getKey(), () -> "").get()))
            .toList();
    }
}
