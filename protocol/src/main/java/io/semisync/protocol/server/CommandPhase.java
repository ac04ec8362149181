package io.semisync.protocol.server;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.semisync.protocol.ServerMessage;
import io.semisync.protocol.command.CommandCode;
import io.semisync.protocol.framing.PacketDecoder;
import io.semisync.protocol.framing.PacketSequence;
import io.semisync.protocol.handshake.CapabilityFlags;

/**
 * The command loop, server side: one command at a time, as MySQL reads them. While a command is answered the
 * framing decoder holds the next one back; when the answer is written the sequence starts again at 0 and the
 * next command is read. COM_QUIT, COM_PING, COM_INIT_DB, COM_QUERY, COM_RESET_CONNECTION and COM_SET_OPTION are
 * answered here (COM_QUERY and COM_INIT_DB through the {@link SessionHandler}); any other command goes to the
 * handler's {@link CommandHandler} for it, or gets "Unknown command" and the connection stays open.
 */
final class CommandPhase extends ChannelInboundHandlerAdapter
{
    private static final Logger LOG = LoggerFactory.getLogger(CommandPhase.class);

    private static final int MULTI_STATEMENTS_ON = 0;
    private static final int MULTI_STATEMENTS_OFF = 1;
    private static final int SET_OPTION_BODY_LENGTH = 2;

    private final ServerContext context;
    private final ServerConnection connection;
    private final PacketSequence sequence;

    private ChannelHandlerContext ctx;
    private boolean busy;
    private HandlerExchange exchange;

    CommandPhase(final ServerContext context, final ServerConnection connection, final PacketSequence sequence)
    {
        this.context = context;
        this.connection = connection;
        this.sequence = sequence;
    }

    @Override
    public void handlerAdded(final ChannelHandlerContext ctx)
    {
        this.ctx = ctx;
        sequence.reset();
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg)
    {
        final ByteBuf payload = (ByteBuf)msg;
        try
        {
            if (!busy)
            {
                busy = true;
                decoder().pause();
                dispatch(payload);
            }
            else if (exchange != null && exchange.listensToClient())
            {
                exchange.deliver(payload);
            }
            else
            {
                LOG.debug("{}: packet while a command is answered and nobody listens; closing", connection);
                ctx.close();
            }
        }
        finally
        {
            payload.release();
        }
    }

    @Override
    public void channelWritabilityChanged(final ChannelHandlerContext ctx)
    {
        if (exchange != null)
        {
            exchange.writabilityChanged();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(final ChannelHandlerContext ctx)
    {
        LOG.debug("{}: closed", connection);
        if (exchange != null)
        {
            exchange.connectionClosed();
        }
        context.handler().closed(connection);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        ConnectionFailures.handle(ctx, connection, cause);
    }

    private void dispatch(final ByteBuf payload)
    {
        if (!payload.isReadable())
        {
            answerError(ServerErrors.unknownCommand());
            return;
        }
        final int code = payload.readUnsignedByte();
        switch (code)
        {
            case CommandCode.COM_QUIT:
                LOG.debug("{}: COM_QUIT", connection);
                ctx.close();
                break;
            case CommandCode.COM_PING:
            case CommandCode.COM_RESET_CONNECTION:
                answer(List.of(ServerConnection.ok(0, "")));
                break;
            case CommandCode.COM_QUERY:
                query(payload.toString(StandardCharsets.UTF_8));
                break;
            case CommandCode.COM_INIT_DB:
                useSchema(payload.toString(StandardCharsets.UTF_8));
                break;
            case CommandCode.COM_SET_OPTION:
                setOption(payload);
                break;
            default:
                handlerCommand(code, payload);
                break;
        }
    }

    private void query(final String sql)
    {
        final CompletionStage<QueryResult> stage = HandlerCalls.call(() -> context.handler().query(connection, sql));
        stage.whenCompleteAsync((result, failure) ->
        {
            if (failure != null)
            {
                answerError(HandlerCalls.toSqlError(failure, connection));
            }
            else if (result instanceof TextResultSet)
            {
                answer(ResultSetMessages.of((TextResultSet)result, connection.uses(CapabilityFlags.CLIENT_DEPRECATE_EOF)));
            }
            else if (result instanceof OkResult)
            {
                answer(List.of(ServerConnection.ok(((OkResult)result).affectedRows(), ((OkResult)result).info())));
            }
            else
            {
                answerError(HandlerCalls.toSqlError(new IllegalStateException("the session handler completed the query with no result"), connection));
            }
        }, ctx.executor());
    }

    private void useSchema(final String schema)
    {
        if (schema.isEmpty())
        {
            answerError(ServerErrors.noDatabase());
            return;
        }
        HandlerCalls.call(() -> context.handler().useSchema(connection, schema)).whenCompleteAsync((ignored, failure) ->
        {
            if (failure != null)
            {
                answerError(HandlerCalls.toSqlError(failure, connection));
                return;
            }
            connection.schema(schema);
            answer(List.of(ServerConnection.ok(0, "")));
        }, ctx.executor());
    }

    /** COM_SET_OPTION: MySQL answers the two multi-statement options as it ends a result set, others as unknown. */
    private void setOption(final ByteBuf body)
    {
        if (body.readableBytes() < SET_OPTION_BODY_LENGTH)
        {
            answerError(ServerErrors.malformedPacket());
            return;
        }
        final int option = body.readUnsignedShortLE();
        if (option == MULTI_STATEMENTS_ON || option == MULTI_STATEMENTS_OFF)
        {
            answer(List.of(ResultSetMessages.end(connection.uses(CapabilityFlags.CLIENT_DEPRECATE_EOF))));
        }
        else
        {
            answerError(ServerErrors.unknownCommand());
        }
    }

    private void handlerCommand(final int code, final ByteBuf body)
    {
        final Optional<CommandHandler> handler;
        try
        {
            handler = context.handler().command(code);
        }
        catch (final RuntimeException ex)
        {
            answerError(HandlerCalls.toSqlError(ex, connection));
            return;
        }
        if (handler == null || handler.isEmpty())
        {
            answerError(ServerErrors.unknownCommand());
            return;
        }
        exchange = new HandlerExchange(ctx, connection, sequence, code, body.asReadOnly());
        final HandlerExchange current = exchange;
        HandlerCalls.call(() -> handler.get().handle(current)).whenCompleteAsync((ignored, failure) ->
        {
            exchange = null;
            current.ended();
            if (failure != null && !ctx.channel().isActive())
            {
                LOG.debug("{}: command 0x{} ended with the connection: {}", connection, Integer.toHexString(code), failure.toString());
            }
            else if (failure != null)
            {
                answerError(HandlerCalls.toSqlError(failure, connection));
            }
            else
            {
                readNextCommand();
            }
        }, ctx.executor());
    }

    private void answerError(final SqlErrorException error)
    {
        answer(List.of(connection.errorPacket(error)));
    }

    private void answer(final List<ServerMessage> messages)
    {
        for (final ServerMessage message : messages)
        {
            ctx.write(message, ctx.voidPromise());
        }
        ctx.flush();
        readNextCommand();
    }

    private void readNextCommand()
    {
        busy = false;
        sequence.reset();
        final PacketDecoder decoder = decoder();
        if (decoder != null)
        {
            decoder.resume();
        }
    }

    private PacketDecoder decoder()
    {
        return ctx.pipeline().get(PacketDecoder.class);
    }
}
