package io.semisync.benchmarks.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The kernel's send and receive queues of this machine's TCP sockets ({@code /proc/net/tcp} and {@code /proc/net/tcp6}):
 * how many bytes a connection's sender has not yet had acknowledged, and how many its receiver has not yet read.
 */
final class TcpQueues
{
    private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));
    /** The {@code st} column of a connection that is up (TCP_ESTABLISHED). */
    static final int ESTABLISHED = 1;

    /**
     * One socket.
     *
     * @param state         the kernel's TCP state, {@link #ESTABLISHED} for a connection that is up
     * @param sendQueue     bytes written but not acknowledged by the peer ({@code tx_queue})
     * @param receiveQueue  bytes received but not read by the application ({@code rx_queue})
     */
    record Socket(int localPort, int remotePort, int state, long sendQueue, long receiveQueue)
    {
    }

    private TcpQueues()
    {
    }

    /**
     * Whether a loopback connection between {@code sourcePort} and {@code replicaPort} carries nothing any more: the
     * source's socket has every byte acknowledged and the replica's socket holds no byte its process has not read. False
     * while either end is not found established.
     */
    static boolean drained(final int sourcePort, final int replicaPort)
    {
        return drained(sockets(), sourcePort, replicaPort);
    }

    static boolean drained(final List<Socket> sockets, final int sourcePort, final int replicaPort)
    {
        final Optional<Socket> source = find(sockets, sourcePort, replicaPort);
        final Optional<Socket> replica = find(sockets, replicaPort, sourcePort);
        return source.isPresent() && replica.isPresent() && source.get().sendQueue() == 0 && replica.get().receiveQueue() == 0;
    }

    static List<Socket> sockets()
    {
        final List<Socket> sockets = new ArrayList<>();
        for (final Path table : TABLES)
        {
            try
            {
                if (Files.exists(table))
                {
                    sockets.addAll(parse(Files.readAllLines(table)));
                }
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot read " + table, ex);
            }
        }
        return sockets;
    }

    /**
     * The sockets of one table, whose lines after the header read
     * {@code sl local_address:port rem_address:port st tx_queue:rx_queue ...}, addresses, ports and queues in hex.
     */
    static List<Socket> parse(final List<String> lines)
    {
        final List<Socket> sockets = new ArrayList<>();
        for (final String line : lines.subList(Math.min(1, lines.size()), lines.size()))
        {
            final String[] fields = line.trim().split("\\s+");
            if (fields.length < 5)
            {
                continue;
            }
            final String[] queues = fields[4].split(":");
            sockets.add(new Socket(port(fields[1]), port(fields[2]), Integer.parseInt(fields[3], 16), Long.parseLong(queues[0], 16),
                Long.parseLong(queues[1], 16)));
        }
        return sockets;
    }

    private static Optional<Socket> find(final List<Socket> sockets, final int localPort, final int remotePort)
    {
        return sockets.stream()
            .filter(s -> s.localPort() == localPort && s.remotePort() == remotePort && s.state() == ESTABLISHED)
            .findFirst();
    }

    private static int port(final String addressAndPort)
    {
        return Integer.parseInt(addressAndPort.substring(addressAndPort.lastIndexOf(':') + 1), 16);
    }
}
