package io.semisync.it.replica;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on 127.0.0.1 between the replica and the source, to break the network on purpose: it can cut
 * every connection (both sides see the connection drop; new connections are accepted as before), refuse new
 * connections for a while, stall every connection (a partition: nothing goes either way, nothing is closed), slow
 * every write down (a slow link), and it hands
 * each MySQL packet from the source (4-byte header and payload; no TLS, no compression) to a
 * {@link PacketFilter} that may change bytes before the packet goes on, or hold it back to go on in one write
 * with the next.
 */
public final class TcpProxy implements AutoCloseable
{
    private static final int HEADER_LENGTH = 4;
    private static final Duration STALL_POLL = Duration.ofMillis(10);

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicLong accepted = new AtomicLong();
    private volatile PacketFilter sourcePacketFilter = packet -> false;
    private volatile boolean refusing;
    private volatile boolean stalled;
    private volatile long delayMillis;
    private volatile boolean closed;

    private TcpProxy(final ServerSocket listener, final InetSocketAddress target)
    {
        this.listener = listener;
        this.target = target;
    }

    /** Listens on a free loopback port and forwards every connection to {@code host:port}. */
    public static TcpProxy start(final String host, final int port)
    {
        try
        {
            final ServerSocket listener = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
            final TcpProxy proxy = new TcpProxy(listener, new InetSocketAddress(host, port));
            daemon("tcp-proxy-accept-" + listener.getLocalPort(), proxy::acceptLoop).start();
            return proxy;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot listen on the loopback interface", ex);
        }
    }

    public String host()
    {
        return listener.getInetAddress().getHostAddress();
    }

    public int port()
    {
        return listener.getLocalPort();
    }

    /** Connections accepted so far. */
    public long accepted()
    {
        return accepted.get();
    }

    /** From now on, every packet from the source passes through {@code filter}. */
    void filterSourcePackets(final PacketFilter filter)
    {
        sourcePacketFilter = filter;
    }

    /** Closes every open connection on both sides, as a network failure would; the proxy keeps accepting. */
    public int cutConnections()
    {
        // counted before closing: closing one side makes its copy thread drop the other from the set
        final List<Socket> open = List.copyOf(sockets);
        sockets.removeAll(open);
        open.forEach(TcpProxy::closeQuietly);
        return open.size() / 2;
    }

    /** While {@code refuse} holds, a new connection is closed at once, as an unreachable source would refuse it. */
    public void refuseConnections(final boolean refuse)
    {
        refusing = refuse;
    }

    /**
     * While {@code stall} holds, no byte goes either way on any connection, open or new, and none is closed: the
     * peers see silence, as across a network partition that TCP has not noticed; what was sent meanwhile goes on when
     * it ends.
     */
    public void stall(final boolean stall)
    {
        stalled = stall;
    }

    /** Delays every write in either direction by {@code delay}: latency, and a bandwidth of one write per delay. */
    public void delay(final Duration delay)
    {
        delayMillis = delay.toMillis();
    }

    /** Waits before a write while the link is stalled, then for the configured delay. */
    private void awaitLink()
    {
        while (stalled && !closed)
        {
            Waits.pause(STALL_POLL);
        }
        if (delayMillis > 0)
        {
            Waits.pause(Duration.ofMillis(delayMillis));
        }
    }

    private void acceptLoop()
    {
        while (!closed)
        {
            final Socket client;
            try
            {
                client = listener.accept();
            }
            catch (final IOException ex)
            {
                return;
            }
            if (refusing)
            {
                closeQuietly(client);
                continue;
            }
            final Socket server = new Socket();
            try
            {
                server.connect(target, 5_000);
                server.setTcpNoDelay(true);
                client.setTcpNoDelay(true);
            }
            catch (final IOException ex)
            {
                closeQuietly(client);
                closeQuietly(server);
                continue;
            }
            sockets.add(client);
            sockets.add(server);
            accepted.incrementAndGet();
            daemon("tcp-proxy-up-" + client.getPort(), () -> copyBytes(client, server)).start();
            daemon("tcp-proxy-down-" + client.getPort(), () -> copyPackets(server, client)).start();
        }
    }

    private void copyBytes(final Socket from, final Socket to)
    {
        final byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream())
        {
            int read;
            while ((read = in.read(buffer)) >= 0)
            {
                awaitLink();
                out.write(buffer, 0, read);
                out.flush();
            }
        }
        catch (final IOException ex)
        {
            // a cut or a peer's close ends the pair below
        }
        finally
        {
            closePair(from, to);
        }
    }

    /**
     * Forwards whole packets, several in one write when more are already waiting or the filter holds one back,
     * as the network may deliver them.
     */
    private void copyPackets(final Socket from, final Socket to)
    {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(from.getInputStream()));
            OutputStream out = to.getOutputStream())
        {
            final byte[] header = new byte[HEADER_LENGTH];
            final ByteArrayOutputStream pending = new ByteArrayOutputStream();
            while (true)
            {
                in.readFully(header);
                final int length = (header[0] & 0xFF) | (header[1] & 0xFF) << 8 | (header[2] & 0xFF) << 16;
                final byte[] packet = new byte[HEADER_LENGTH + length];
                System.arraycopy(header, 0, packet, 0, HEADER_LENGTH);
                in.readFully(packet, HEADER_LENGTH, length);
                final boolean hold = sourcePacketFilter.onPacket(packet);
                pending.write(packet);
                if (!hold && in.available() == 0)
                {
                    awaitLink();
                    pending.writeTo(out);
                    out.flush();
                    pending.reset();
                }
            }
        }
        catch (final IOException ex)
        {
            // a cut or a peer's close ends the pair below
        }
        finally
        {
            closePair(from, to);
        }
    }

    private void closePair(final Socket first, final Socket second)
    {
        closeQuietly(first);
        closeQuietly(second);
        sockets.remove(first);
        sockets.remove(second);
    }

    private static void closeQuietly(final Socket socket)
    {
        try
        {
            socket.close();
        }
        catch (final IOException ex)
        {
            // closing is all that is left to do with this socket
        }
    }

    private static Thread daemon(final String name, final Runnable task)
    {
        final Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    @Override
    public void close()
    {
        closed = true;
        try
        {
            listener.close();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        cutConnections();
    }

    /** Sees, and may change in place, each whole packet from the source: 4-byte header, then the payload. */
    @FunctionalInterface
    interface PacketFilter
    {
        /** @return true to send this packet only together with the next one (in one write) */
        boolean onPacket(byte[] packet);
    }
}
