package io.semisync.protocol.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.interfaces.RSAPublicKey;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.semisync.protocol.auth.AuthenticationException;
import io.semisync.protocol.auth.AuthenticationPlugins;
import io.semisync.protocol.auth.RsaPasswordEncryption;
import io.semisync.protocol.framing.PacketDecoder;
import io.semisync.protocol.framing.PacketEncoder;
import io.semisync.protocol.framing.PacketSequence;
import io.semisync.protocol.tls.TlsContextFactory;
import io.semisync.protocol.tls.TlsMode;

/**
 * Opens connections to MySQL and MariaDB servers. Each connection's pipeline is
 * {@code [tls] -> framing decoder -> framing encoder -> login}, and the login handler gives way to the
 * command phase once the server says OK.
 */
public final class MySqlClient implements AutoCloseable
{
    /** Pipeline name of the framing decoder. */
    public static final String FRAMING_DECODER_NAME = "framing-decoder";
    /** Pipeline name of the framing encoder. */
    public static final String FRAMING_ENCODER_NAME = "framing-encoder";

    private static final int SHUTDOWN_TIMEOUT_SECONDS = 5;

    private final EventLoopGroup group;
    private final NettyTransport transport;
    private final boolean ownsGroup;
    private final AuthenticationPlugins plugins;

    private MySqlClient(final EventLoopGroup group, final NettyTransport transport, final boolean ownsGroup)
    {
        this.group = group;
        this.transport = transport;
        this.ownsGroup = ownsGroup;
        this.plugins = AuthenticationPlugins.defaults();
    }

    /** A client with its own single-threaded event loop (epoll when available), shut down by {@link #close()}. */
    public static MySqlClient create()
    {
        final NettyTransport transport = NettyTransport.best();
        return new MySqlClient(transport.newEventLoopGroup(1), transport, true);
    }

    /** A client on the caller's event loop group, which {@link #close()} leaves running. */
    public static MySqlClient using(final EventLoopGroup group, final NettyTransport transport)
    {
        return new MySqlClient(group, transport, false);
    }

    /**
     * Connects and logs in. Fails with {@link IllegalArgumentException} for an invalid configuration,
     * {@link ConnectionFailedException} naming host:port when the server cannot be reached, and
     * {@link io.semisync.protocol.ServerErrorException} when the server refuses the login.
     */
    public CompletableFuture<MySqlConnection> connect(final ConnectionConfig config)
    {
        final CompletableFuture<MySqlConnection> result = new CompletableFuture<>();
        final SslContext sslContext;
        final RSAPublicKey serverPublicKey;
        try
        {
            config.validate();
            sslContext = config.tlsMode() == TlsMode.DISABLED
                ? null
                : TlsContextFactory.create(config.tlsMode(), config.tlsCaPath(), config.tlsCertificatePath(), config.tlsKeyPath());
            serverPublicKey = config.serverPublicKeyPath() == null ? null : readPublicKey(config);
        }
        catch (final RuntimeException ex)
        {
            result.completeExceptionally(ex);
            return result;
        }
        final Bootstrap bootstrap = new Bootstrap()
            .group(group)
            .channel(transport.channelType())
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis()))
            .option(ChannelOption.TCP_NODELAY, true)
            .handler(new ChannelInitializer<Channel>()
            {
                @Override
                protected void initChannel(final Channel channel)
                {
                    final PacketSequence sequence = new PacketSequence();
                    channel.pipeline()
                        .addLast(FRAMING_DECODER_NAME, new PacketDecoder(sequence, config.maxPacketSize()))
                        .addLast(FRAMING_ENCODER_NAME, new PacketEncoder(sequence))
                        .addLast(LoginHandler.NAME, new LoginHandler(config, sslContext, serverPublicKey, plugins, sequence, result));
                }
            });
        bootstrap.connect(config.host(), config.port()).addListener(future ->
        {
            if (!future.isSuccess())
            {
                result.completeExceptionally(new ConnectionFailedException(
                    "cannot connect to " + config.address() + ": " + future.cause().getMessage(), future.cause()));
            }
        });
        return result;
    }

    private static RSAPublicKey readPublicKey(final ConnectionConfig config)
    {
        try
        {
            return RsaPasswordEncryption.parsePublicKey(Files.readString(config.serverPublicKeyPath(), StandardCharsets.US_ASCII));
        }
        catch (final IOException ex)
        {
            throw new AuthenticationException("cannot read serverPublicKeyPath " + config.serverPublicKeyPath() + ": " + ex.getMessage(), ex);
        }
    }

    /** Shuts the event loop down if this client created it; open connections are closed abruptly. */
    @Override
    public void close()
    {
        if (ownsGroup)
        {
            group.shutdownGracefully(0, SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS).awaitUninterruptibly(SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
    }
}
