package io.semisync.protocol.client;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.semisync.protocol.ClientMessage;
import io.semisync.protocol.ProtocolException;
import io.semisync.protocol.command.ComPing;
import io.semisync.protocol.command.ComQuery;
import io.semisync.protocol.command.Command;
import io.semisync.protocol.framing.PacketSequence;
import io.semisync.protocol.handshake.CapabilityFlags;
import io.semisync.protocol.response.OkPacket;
import io.semisync.protocol.response.ResultSet;

/**
 * A logged-in connection in the command phase. Commands are queued and run one at a time; every method
 * is thread-safe and returns at once. Futures complete on the connection's event loop: never block in
 * their callbacks.
 */
public final class MySqlConnection
{
    private final Channel channel;
    private final ServerInfo serverInfo;
    private final CommandPhaseHandler commands;
    private final PacketSequence sequence;

    MySqlConnection(final Channel channel, final ServerInfo serverInfo, final CommandPhaseHandler commands, final PacketSequence sequence)
    {
        this.channel = channel;
        this.serverInfo = serverInfo;
        this.commands = commands;
        this.sequence = sequence;
    }

    /** Version, flavor, connection id and capabilities the server announced. */
    public ServerInfo serverInfo()
    {
        return serverInfo;
    }

    /** Runs a statement that returns rows; a statement answered by OK gives an empty result set. */
    public CompletableFuture<ResultSet> query(final String sql)
    {
        return text(sql).thenApply(response -> response.resultSet() != null
            ? response.resultSet()
            : new ResultSet(List.of(), List.of(), response.ok().warnings(), response.ok().statusFlags()));
    }

    /** Runs a statement that returns no rows (SET, INSERT, CREATE ...) and gives its OK packet. */
    public CompletableFuture<OkPacket> execute(final String sql)
    {
        return text(sql).thenApply(response ->
        {
            if (response.ok() == null)
            {
                throw new ProtocolException("statement returned a result set where an OK was expected (use query): " + sql);
            }
            return response.ok();
        });
    }

    /** Sends a command the server answers with OK or ERR, such as COM_REGISTER_SLAVE. */
    public CompletableFuture<OkPacket> command(final Command command)
    {
        final CompletableFuture<OkPacket> result = new CompletableFuture<>();
        submit(new OkExchange(command, result), result);
        return result;
    }

    /** COM_PING. */
    public CompletableFuture<Void> ping()
    {
        return command(ComPing.INSTANCE).thenApply(ok -> null);
    }

    /**
     * Writes {@code command} (e.g. COM_BINLOG_DUMP_GTID) after every queued command has completed and puts
     * {@code streamHandler} where the command phase was: it receives every later packet payload as a
     * {@code ByteBuf} it must release, with framing and sequence checks still in front of it. Sequence ids
     * continue from the command. After this, the other command methods fail.
     *
     * @return completes once the command is written
     */
    public CompletableFuture<Void> startStream(final ClientMessage command, final ChannelHandler streamHandler)
    {
        final CompletableFuture<Void> started = new CompletableFuture<>();
        submit(new StreamExchange(command, streamHandler, started), started);
        return started;
    }

    /**
     * The packet sequence shared by the framing handlers, for a stream handler that writes packets of its
     * own (the semisync ACK starts its own sequence at 0; see {@link PacketSequence#followPeer()}).
     */
    public PacketSequence packetSequence()
    {
        return sequence;
    }

    public boolean isOpen()
    {
        return channel.isActive();
    }

    /** Completes when the connection is closed, for any reason. */
    public CompletableFuture<Void> closeFuture()
    {
        final CompletableFuture<Void> closed = new CompletableFuture<>();
        channel.closeFuture().addListener(future -> closed.complete(null));
        return closed;
    }

    /**
     * Sends COM_QUIT after the queued commands (none on a connection handed to a stream, or one the server has
     * already closed) and closes the connection; completes once it is closed.
     */
    public CompletableFuture<Void> close()
    {
        final CompletableFuture<Void> quit = new CompletableFuture<>();
        if (channel.isActive())
        {
            submit(new QuitExchange(quit), quit);
        }
        else
        {
            quit.complete(null);
        }
        return quit.handle((ignored, failure) -> null).thenCompose(ignored ->
        {
            channel.close();
            return closeFuture();
        });
    }

    private CompletableFuture<TextResponse> text(final String sql)
    {
        final CompletableFuture<TextResponse> result = new CompletableFuture<>();
        submit(new TextQueryExchange(new ComQuery(sql), serverInfo.uses(CapabilityFlags.CLIENT_DEPRECATE_EOF), result), result);
        return result;
    }

    private void submit(final Exchange exchange, final CompletableFuture<?> result)
    {
        try
        {
            channel.eventLoop().execute(() -> commands.submit(exchange));
        }
        catch (final RejectedExecutionException ex)
        {
            result.completeExceptionally(new ConnectionFailedException("the event loop of this connection has shut down", ex));
        }
    }

    @Override
    public String toString()
    {
        return "MySqlConnection{" + channel.remoteAddress() + ", " + serverInfo.flavor() + " " + serverInfo.serverVersion() +
            ", id " + serverInfo.connectionId() + "}";
    }
}
