package io.semisync.protocol.client;

import java.security.cert.CertificateException;
import java.security.interfaces.RSAPublicKey;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.semisync.protocol.ClientMessage;
import io.semisync.protocol.MalformedPacketException;
import io.semisync.protocol.ProtocolException;
import io.semisync.protocol.auth.AuthSwitchRequest;
import io.semisync.protocol.auth.AuthenticationContext;
import io.semisync.protocol.auth.AuthenticationPlugin;
import io.semisync.protocol.auth.AuthenticationPlugins;
import io.semisync.protocol.auth.AuthenticationResponse;
import io.semisync.protocol.auth.CachingSha2PasswordPlugin;
import io.semisync.protocol.auth.MySqlNativePasswordPlugin;
import io.semisync.protocol.framing.PacketSequence;
import io.semisync.protocol.handshake.CapabilityFlags;
import io.semisync.protocol.handshake.CharacterSets;
import io.semisync.protocol.handshake.ConnectionAttributes;
import io.semisync.protocol.handshake.HandshakeResponse41;
import io.semisync.protocol.handshake.HandshakeV10;
import io.semisync.protocol.handshake.ServerFlavor;
import io.semisync.protocol.handshake.SslRequest;
import io.semisync.protocol.response.ErrPacket;
import io.semisync.protocol.response.ResponseHeader;

/**
 * The connection phase: reads the greeting, upgrades to TLS when the mode says so, answers with
 * HandshakeResponse41 and follows AuthSwitchRequest and AuthMoreData until OK or ERR. On OK it replaces
 * itself with the {@link CommandPhaseHandler} and completes the connection future.
 */
final class LoginHandler extends ChannelInboundHandlerAdapter
{
    /** Pipeline name of this handler. */
    static final String NAME = "login";
    /** Pipeline name of the TLS handler, inserted in front of the framing. */
    static final String TLS_NAME = "tls";

    /** What the client asks for; intersected with what the server offers. */
    private static final long WANTED_CAPABILITIES = CapabilityFlags.CLIENT_LONG_PASSWORD |
        CapabilityFlags.CLIENT_LONG_FLAG |
        CapabilityFlags.CLIENT_PROTOCOL_41 |
        CapabilityFlags.CLIENT_TRANSACTIONS |
        CapabilityFlags.CLIENT_SECURE_CONNECTION |
        CapabilityFlags.CLIENT_PLUGIN_AUTH |
        CapabilityFlags.CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA |
        CapabilityFlags.CLIENT_CONNECT_ATTRS;

    /** What the server must offer for this client to log in. */
    private static final long REQUIRED_CAPABILITIES = CapabilityFlags.CLIENT_PROTOCOL_41 |
        CapabilityFlags.CLIENT_SECURE_CONNECTION |
        CapabilityFlags.CLIENT_PLUGIN_AUTH |
        CapabilityFlags.CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA;

    private enum State
    {
        AWAIT_GREETING,
        TLS_HANDSHAKE,
        AUTHENTICATING,
        DONE
    }

    private final ConnectionConfig config;
    private final SslContext sslContext;
    private final RSAPublicKey serverPublicKey;
    private final AuthenticationPlugins plugins;
    private final PacketSequence sequence;
    private final CompletableFuture<MySqlConnection> result;

    private State state = State.AWAIT_GREETING;
    private ScheduledFuture<?> timeout;
    private HandshakeV10 greeting;
    private long capabilities;
    private boolean secure;
    private AuthenticationPlugin plugin;
    private AuthenticationContext authContext;

    /**
     * @param sslContext       the TLS context, or {@code null} when the mode is DISABLED
     * @param serverPublicKey  the configured RSA key, or {@code null}
     */
    LoginHandler(
        final ConnectionConfig config,
        final SslContext sslContext,
        final RSAPublicKey serverPublicKey,
        final AuthenticationPlugins plugins,
        final PacketSequence sequence,
        final CompletableFuture<MySqlConnection> result)
    {
        this.config = config;
        this.sslContext = sslContext;
        this.serverPublicKey = serverPublicKey;
        this.plugins = plugins;
        this.sequence = sequence;
        this.result = result;
    }

    @Override
    public void channelActive(final ChannelHandlerContext ctx)
    {
        final long timeoutMillis = config.connectTimeout().toMillis();
        timeout = ctx.executor().schedule(
            () -> fail(ctx, new ConnectionFailedException("login to " + config.address() + " timed out after " + timeoutMillis + " ms")),
            timeoutMillis,
            TimeUnit.MILLISECONDS);
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
                case AWAIT_GREETING:
                    onGreeting(ctx, payload);
                    break;
                case AUTHENTICATING:
                    onAuthenticationPacket(ctx, payload);
                    break;
                default:
                    throw new MalformedPacketException("unexpected packet of " + payload.readableBytes() + " bytes during login in state " + state);
            }
        }
        catch (final RuntimeException ex)
        {
            fail(ctx, ex);
        }
        finally
        {
            payload.release();
        }
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        fail(ctx, cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause);
    }

    @Override
    public void channelInactive(final ChannelHandlerContext ctx)
    {
        fail(ctx, new ConnectionFailedException("server " + config.address() + " closed the connection during login"));
        ctx.fireChannelInactive();
    }

    private void onGreeting(final ChannelHandlerContext ctx, final ByteBuf payload)
    {
        if (ResponseHeader.of(payload) == ResponseHeader.ERR)
        {
            throw ErrPacket.toException(payload);
        }
        greeting = HandshakeV10.decode(payload);
        final long missing = REQUIRED_CAPABILITIES & ~greeting.capabilities();
        if (missing != 0)
        {
            throw new ProtocolException("server " + config.address() + " (" + greeting.serverVersion() +
                ") lacks required capabilities 0x" + Long.toHexString(missing));
        }
        capabilities = negotiate(greeting.capabilities());
        final boolean serverOffersTls = CapabilityFlags.has(greeting.capabilities(), CapabilityFlags.CLIENT_SSL);
        if (sslContext != null && serverOffersTls)
        {
            startTls(ctx);
        }
        else if (config.tlsMode().requiresTls())
        {
            throw new ProtocolException("tlsMode=" + config.tlsMode() + " but server " + config.address() + " does not offer TLS");
        }
        else
        {
            sendHandshakeResponse(ctx);
        }
    }

    private long negotiate(final long serverCapabilities)
    {
        long wanted = WANTED_CAPABILITIES;
        if (config.deprecateEof())
        {
            wanted |= CapabilityFlags.CLIENT_DEPRECATE_EOF;
        }
        if (config.database() != null)
        {
            wanted |= CapabilityFlags.CLIENT_CONNECT_WITH_DB;
        }
        return wanted & serverCapabilities;
    }

    private void startTls(final ChannelHandlerContext ctx)
    {
        state = State.TLS_HANDSHAKE;
        capabilities |= CapabilityFlags.CLIENT_SSL;
        write(ctx, new SslRequest(capabilities, config.maxPacketSize(), CharacterSets.UTF8MB4_GENERAL_CI));
        final SslHandler sslHandler = sslContext.newHandler(ctx.alloc(), config.host(), config.port());
        ctx.pipeline().addFirst(TLS_NAME, sslHandler);
        sslHandler.handshakeFuture().addListener(future ->
        {
            if (future.isSuccess())
            {
                secure = true;
                sendHandshakeResponse(ctx);
            }
            else
            {
                fail(ctx, new ConnectionFailedException("TLS handshake with " + config.address() + " (tlsMode=" + config.tlsMode() +
                    ") failed: " + future.cause().getMessage() + hostNameHint(future.cause()), future.cause()));
            }
        });
    }

    /** What to do when the certificate was valid but named another host, which the JDK reports as a CertificateException. */
    private String hostNameHint(final Throwable failure)
    {
        for (Throwable cause = failure; cause != null; cause = cause.getCause())
        {
            if (cause instanceof CertificateException && cause.getMessage() != null && cause.getMessage().startsWith("No ")
                && cause.getMessage().contains("matching"))
            {
                return "; the source's certificate does not name " + config.host() + " (VERIFY_IDENTITY checks its subjectAltName):"
                    + " connect by a host name or address the certificate names, or use VERIFY_CA to check the CA only";
            }
        }
        return "";
    }

    private void sendHandshakeResponse(final ChannelHandlerContext ctx)
    {
        if (state == State.DONE)
        {
            return;
        }
        state = State.AUTHENTICATING;
        plugin = plugins.forName(greeting.authPluginName()).orElse(
            greeting.flavor() == ServerFlavor.MARIADB ? MySqlNativePasswordPlugin.INSTANCE : CachingSha2PasswordPlugin.INSTANCE);
        authContext = new AuthenticationContext(
            config.password(), greeting.scramble(), secure, config.allowPublicKeyRetrieval(), serverPublicKey);
        try
        {
            write(ctx, new HandshakeResponse41(
                capabilities,
                config.maxPacketSize(),
                CharacterSets.UTF8MB4_GENERAL_CI,
                config.user(),
                plugin.initialResponse(authContext),
                config.database(),
                plugin.name(),
                ConnectionAttributes.defaults()));
        }
        catch (final RuntimeException ex)
        {
            fail(ctx, ex);
        }
    }

    private void onAuthenticationPacket(final ChannelHandlerContext ctx, final ByteBuf payload)
    {
        final int header = ResponseHeader.of(payload);
        switch (header)
        {
            case ResponseHeader.OK:
                complete(ctx);
                break;
            case ResponseHeader.ERR:
                throw ErrPacket.toException(payload);
            case ResponseHeader.EOF:
                final AuthSwitchRequest request = AuthSwitchRequest.decode(payload);
                plugin = plugins.require(request.pluginName());
                authContext = authContext.withScramble(request.pluginData());
                write(ctx, new AuthenticationResponse(plugin.initialResponse(authContext)));
                break;
            case ResponseHeader.AUTH_MORE_DATA:
                payload.skipBytes(1);
                plugin.onMoreData(payload, authContext).ifPresent(data -> write(ctx, new AuthenticationResponse(data)));
                break;
            default:
                throw new MalformedPacketException("unexpected packet with header 0x" + Integer.toHexString(header) + " during authentication");
        }
    }

    private void write(final ChannelHandlerContext ctx, final ClientMessage message)
    {
        ctx.writeAndFlush(message).addListener(future ->
        {
            if (!future.isSuccess())
            {
                fail(ctx, new ConnectionFailedException("cannot write to " + config.address() + ": " + future.cause().getMessage(), future.cause()));
            }
        });
    }

    private void complete(final ChannelHandlerContext ctx)
    {
        state = State.DONE;
        timeout.cancel(false);
        final ServerInfo info = new ServerInfo(
            greeting.flavor(), greeting.serverVersion(), greeting.connectionId(), greeting.capabilities(), capabilities, secure, plugin.name());
        final CommandPhaseHandler commands = new CommandPhaseHandler(config.address());
        ctx.pipeline().replace(this, CommandPhaseHandler.NAME, commands);
        result.complete(new MySqlConnection(ctx.channel(), info, commands, sequence));
    }

    private void fail(final ChannelHandlerContext ctx, final Throwable cause)
    {
        if (state == State.DONE)
        {
            return;
        }
        state = State.DONE;
        if (timeout != null)
        {
            timeout.cancel(false);
        }
        result.completeExceptionally(cause);
        ctx.close();
    }
}
