package io.semisync.protocol.server;

import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.semisync.protocol.ServerMessage;
import io.semisync.protocol.auth.AuthSwitchRequest;
import io.semisync.protocol.auth.MySqlNativePasswordPlugin;
import io.semisync.protocol.framing.PacketDecoder;
import io.semisync.protocol.framing.PacketSequence;
import io.semisync.protocol.handshake.CapabilityFlags;
import io.semisync.protocol.handshake.CharacterSets;
import io.semisync.protocol.handshake.HandshakeResponse41;
import io.semisync.protocol.handshake.HandshakeV10;
import io.semisync.protocol.handshake.LoginHeader;
import io.semisync.protocol.handshake.ServerFlavor;

/**
 * The connection phase, server side: greets, upgrades to TLS on an SSLRequest, reads HandshakeResponse41, switches
 * the client to the user's authentication method if it answered with another, runs that method's
 * {@link PasswordExchange}, accepts the login's database through the handler, and then replaces itself with the
 * {@link CommandPhase}. A login that has not completed within the connect timeout is closed; a malformed login
 * gets "Bad handshake" and a failed one "Access denied", each followed by the close.
 */
final class LoginPhase extends ChannelInboundHandlerAdapter
{
    private static final Logger LOG = LoggerFactory.getLogger(LoginPhase.class);

    /** The method the greeting proposes, as MySQL 8.4 and later do. */
    private static final AuthMethod GREETING_METHOD = AuthMethod.CACHING_SHA2_PASSWORD;

    private enum State
    {
        AWAIT_LOGIN,
        TLS_HANDSHAKE,
        AWAIT_SWITCH_ANSWER,
        AUTHENTICATING,
        ACCEPTING_SCHEMA,
        DONE
    }

    private final ServerContext context;
    private final ServerConnection connection;
    private final PacketSequence sequence;
    private final byte[] scramble;

    private ChannelHandlerContext ctx;
    private State state = State.AWAIT_LOGIN;
    private ScheduledFuture<?> timeout;
    private HandshakeResponse41 login;
    private PasswordExchange exchange;

    LoginPhase(final ServerContext context, final ServerConnection connection, final PacketSequence sequence)
    {
        this.context = context;
        this.connection = connection;
        this.sequence = sequence;
        this.scramble = context.newScramble();
    }

    @Override
    public void handlerAdded(final ChannelHandlerContext ctx)
    {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(final ChannelHandlerContext ctx)
    {
        final long timeoutNanos = context.settings().connectTimeout().toNanos();
        timeout = ctx.executor().schedule(this::onTimeout, timeoutNanos, TimeUnit.NANOSECONDS);
        ctx.writeAndFlush(new HandshakeV10(
            HandshakeV10.PROTOCOL_VERSION,
            context.settings().serverVersion(),
            connection.connectionId(),
            scramble,
            context.capabilities(),
            CharacterSets.UTF8MB4_0900_AI_CI,
            ServerConnection.STATUS_FLAGS,
            GREETING_METHOD.pluginName(),
            ServerFlavor.MYSQL));
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg)
    {
        final ByteBuf payload = (ByteBuf)msg;
        try
        {
            switch (state)
            {
                case AWAIT_LOGIN:
                    onLogin(payload);
                    break;
                case AWAIT_SWITCH_ANSWER:
                case AUTHENTICATING:
                    onAuthenticationData(ByteBufUtil.getBytes(payload));
                    break;
                default:
                    fail(ServerErrors.badHandshake(), "unexpected packet of " + payload.readableBytes() + " bytes in login state " + state);
                    break;
            }
        }
        catch (final RuntimeException ex)
        {
            fail(ServerErrors.badHandshake(), "unreadable login packet: " + ex.getMessage());
        }
        finally
        {
            payload.release();
        }
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        ConnectionFailures.handle(ctx, connection, cause);
        state = State.DONE;
        cancelTimeout();
    }

    @Override
    public void channelInactive(final ChannelHandlerContext ctx)
    {
        state = State.DONE;
        cancelTimeout();
        ctx.fireChannelInactive();
    }

    private void onLogin(final ByteBuf payload)
    {
        final LoginHeader header = LoginHeader.decode(payload);
        final long agreed = header.capabilities() & context.capabilities();
        if (!CapabilityFlags.has(agreed, CapabilityFlags.CLIENT_PROTOCOL_41))
        {
            fail(ServerErrors.badHandshake(), "client without CLIENT_PROTOCOL_41");
            return;
        }
        connection.clientCapabilities(agreed);
        final boolean wantsTls = CapabilityFlags.has(header.capabilities(), CapabilityFlags.CLIENT_SSL);
        if (wantsTls && !payload.isReadable() && context.settings().tls() != null && !connection.secure())
        {
            startTls();
            return;
        }
        if (wantsTls != connection.secure())
        {
            fail(ServerErrors.badHandshake(), wantsTls ? "client claims TLS it did not set up" : "client skipped TLS after asking for it");
            return;
        }
        login = HandshakeResponse41.decode(header, payload);
        final String userName = login.user();
        connection.user(userName);
        final ServerUser user = lookUp(userName);
        final String clientPlugin = CapabilityFlags.has(agreed, CapabilityFlags.CLIENT_PLUGIN_AUTH)
            ? login.authPluginName()
            : MySqlNativePasswordPlugin.NAME;
        exchange = PasswordExchange.forUser(user, scramble, connection.secure(), context);
        // A client that does not know the greeting's plugin answers with its default one and, having no scramble for it,
        // an empty response (MariaDB's replica does so): it gets the scramble through an AuthSwitchRequest
        final boolean answeredBlind = login.authResponse().length == 0 && !clientPlugin.equals(GREETING_METHOD.pluginName());
        if (clientPlugin.equals(user.method().pluginName()) && !answeredBlind)
        {
            state = State.AUTHENTICATING;
            onAuthenticationData(login.authResponse());
        }
        else
        {
            state = State.AWAIT_SWITCH_ANSWER;
            final byte[] pluginData = Arrays.copyOf(scramble, scramble.length + 1);
            ctx.writeAndFlush(new AuthSwitchRequest(user.method().pluginName(), pluginData));
        }
    }

    private ServerUser lookUp(final String userName)
    {
        final Optional<ServerUser> found;
        try
        {
            found = context.settings().users().find(userName);
        }
        catch (final RuntimeException ex)
        {
            LOG.warn("user directory failed to look up a user; the login is refused", ex);
            return context.unknownUser(userName);
        }
        return found.orElseGet(() -> context.unknownUser(userName));
    }

    private void startTls()
    {
        state = State.TLS_HANDSHAKE;
        final SslHandler tls = context.settings().tls().newHandler(ctx.alloc());
        final PacketDecoder decoder = new PacketDecoder(sequence, context.settings().maxPacketBytes());
        // the bytes after the SSLRequest (the TLS ClientHello) flow from the old decoder into the TLS handler
        ctx.pipeline().replace(ConnectionInitializer.FRAMING_DECODER, ConnectionInitializer.TLS, tls);
        ctx.pipeline().addAfter(ConnectionInitializer.TLS, ConnectionInitializer.FRAMING_DECODER, decoder);
        tls.handshakeFuture().addListener(future ->
        {
            if (future.isSuccess())
            {
                connection.secured();
                if (state == State.TLS_HANDSHAKE)
                {
                    state = State.AWAIT_LOGIN;
                }
            }
            else
            {
                LOG.debug("{}: TLS handshake failed: {}", connection, future.cause().toString());
                close();
            }
        });
    }

    private void onAuthenticationData(final byte[] data)
    {
        state = State.AUTHENTICATING;
        final AuthStep step = exchange.onClientData(data);
        if (step instanceof AuthStep.Reply)
        {
            ctx.writeAndFlush(((AuthStep.Reply)step).message());
        }
        else if (step instanceof AuthStep.Accept)
        {
            final ServerMessage notice = ((AuthStep.Accept)step).notice();
            if (notice != null)
            {
                ctx.write(notice);
            }
            acceptSchema();
        }
        else
        {
            final boolean passwordUsed = ((AuthStep.Deny)step).passwordUsed();
            fail(ServerErrors.accessDenied(login.user(), connection.clientHost(), passwordUsed), "access denied");
        }
    }

    private void acceptSchema()
    {
        final String schema = login.database();
        if (schema == null)
        {
            complete();
            return;
        }
        state = State.ACCEPTING_SCHEMA;
        ctx.flush();
        HandlerCalls.call(() -> context.handler().useSchema(connection, schema)).whenCompleteAsync((ignored, failure) ->
        {
            if (state != State.ACCEPTING_SCHEMA)
            {
                return;
            }
            if (failure != null)
            {
                fail(HandlerCalls.toSqlError(failure, connection), "database refused at login");
                return;
            }
            connection.schema(schema);
            complete();
        }, ctx.executor());
    }

    private void complete()
    {
        state = State.DONE;
        cancelTimeout();
        LOG.debug("{}: logged in, TLS {}", connection, connection.secure());
        ctx.writeAndFlush(ServerConnection.ok(0, ""));
        ctx.pipeline().replace(this, ConnectionInitializer.COMMANDS, new CommandPhase(context, connection, sequence));
    }

    private void fail(final SqlErrorException error, final String reason)
    {
        if (state == State.DONE)
        {
            return;
        }
        LOG.debug("{}: login failed ({}): {}", connection, reason, error.getMessage());
        state = State.DONE;
        cancelTimeout();
        ctx.writeAndFlush(connection.errorPacket(error)).addListener(ChannelFutureListener.CLOSE);
    }

    private void onTimeout()
    {
        if (state != State.DONE)
        {
            LOG.debug("{}: login not completed within {}, closing", connection, context.settings().connectTimeout());
            close();
        }
    }

    private void close()
    {
        state = State.DONE;
        cancelTimeout();
        ctx.close();
    }

    private void cancelTimeout()
    {
        if (timeout != null)
        {
            timeout.cancel(false);
        }
    }
}
