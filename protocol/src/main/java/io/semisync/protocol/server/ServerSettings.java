package io.semisync.protocol.server;

import java.security.KeyPair;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.netty.handler.ssl.SslContext;

/**
 * Everything a {@link MySqlServer} needs, each setting with its default beside it. Setters only collect;
 * {@link #validate()} (called by {@link MySqlServer#start}) turns every bad setting into one clear message.
 */
public final class ServerSettings
{
    /** Default address to listen on: loopback only. */
    public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
    /** Default port: 0, an ephemeral port chosen by the system ({@link MySqlServer#localAddress()} tells which). */
    public static final int DEFAULT_PORT = 0;
    /** Default version in the greeting and {@code @@version}: MySQL's current LTS, so clients enable its features. */
    public static final String DEFAULT_SERVER_VERSION = "8.4.0-semisync-replica";
    /** Default largest payload accepted from a client, as MySQL's default {@code max_allowed_packet}. */
    public static final int DEFAULT_MAX_PACKET_BYTES = 64 * 1024 * 1024;
    /** The protocol's ceiling for {@link #maxPacketBytes} (MySQL's {@code max_allowed_packet} maximum). */
    public static final int MAX_PACKET_BYTES_LIMIT = 1024 * 1024 * 1024;
    /** Smallest {@link #maxPacketBytes}: a login with connection attributes must fit. */
    public static final int MIN_PACKET_BYTES = 1024;
    /** Default time from accept to a completed login, as MySQL's {@code connect_timeout}. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Default number of event-loop threads for accepting and serving connections. */
    public static final int DEFAULT_IO_THREADS = 1;
    /** Smallest RSA key accepted: MySQL generates 2048-bit keys. */
    public static final int MIN_RSA_KEY_BITS = 2048;

    private String bindAddress = DEFAULT_BIND_ADDRESS;
    private int port = DEFAULT_PORT;
    private String serverVersion = DEFAULT_SERVER_VERSION;
    private Supplier<String> serverVersionSource;
    private UserDirectory users;
    private SslContext tls;
    private KeyPair rsaKeyPair;
    private int maxPacketBytes = DEFAULT_MAX_PACKET_BYTES;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private int ioThreads = DEFAULT_IO_THREADS;

    /** Host name or IP address to listen on; default {@value #DEFAULT_BIND_ADDRESS}. */
    public ServerSettings bindAddress(final String host)
    {
        this.bindAddress = host;
        return this;
    }

    /** TCP port, 0 to 65535; default 0 (ephemeral). */
    public ServerSettings port(final int port)
    {
        this.port = port;
        return this;
    }

    /** What the greeting and {@code @@version} show; default {@value #DEFAULT_SERVER_VERSION}. */
    public ServerSettings serverVersion(final String version)
    {
        this.serverVersion = version;
        return this;
    }

    /**
     * As {@link #serverVersion(String)}, asked again for each greeting: for a server standing in for another whose version
     * it learns later. An answer that is null, blank or holds a NUL greets with {@link #serverVersion(String)}'s version.
     */
    public ServerSettings serverVersion(final Supplier<String> version)
    {
        this.serverVersionSource = version;
        return this;
    }

    /** Who may log in; required. */
    public ServerSettings users(final UserDirectory users)
    {
        this.users = users;
        return this;
    }

    /** A server {@link SslContext} to offer TLS with; default none ({@code null}): TLS is not offered. */
    public ServerSettings tls(final SslContext serverContext)
    {
        this.tls = serverContext;
        return this;
    }

    /**
     * The RSA key pair caching_sha2_password full authentication uses without TLS (the public key is sent to
     * clients that ask for it); at least {@value #MIN_RSA_KEY_BITS} bits; default none: a new pair per start.
     */
    public ServerSettings rsaKeyPair(final KeyPair keyPair)
    {
        this.rsaKeyPair = keyPair;
        return this;
    }

    /**
     * Largest payload accepted from a client; a longer one closes the connection (after ERR 1153 where possible);
     * {@value #MIN_PACKET_BYTES} to {@value #MAX_PACKET_BYTES_LIMIT}; default 64 MiB.
     */
    public ServerSettings maxPacketBytes(final int bytes)
    {
        this.maxPacketBytes = bytes;
        return this;
    }

    /** Time a client has from the TCP accept to a completed login before it is disconnected; default 10 s. */
    public ServerSettings connectTimeout(final Duration timeout)
    {
        this.connectTimeout = timeout;
        return this;
    }

    /** Event-loop threads of the server (epoll where available); default {@value #DEFAULT_IO_THREADS}. */
    public ServerSettings ioThreads(final int threads)
    {
        this.ioThreads = threads;
        return this;
    }

    /**
     * Checks every setting and throws one {@link IllegalArgumentException} that lists all problems.
     *
     * @return this, for chaining
     */
    public ServerSettings validate()
    {
        final List<String> problems = new ArrayList<>();
        if (bindAddress == null || bindAddress.isBlank())
        {
            problems.add("bindAddress must be set (default " + DEFAULT_BIND_ADDRESS + ")");
        }
        if (port < 0 || port > 65535)
        {
            problems.add("port must be 0 (ephemeral) to 65535 but is " + port);
        }
        if (serverVersion == null || serverVersion.isBlank() || serverVersion.indexOf('\0') >= 0)
        {
            problems.add("serverVersion must be non-blank text without NUL, e.g. " + DEFAULT_SERVER_VERSION);
        }
        if (users == null)
        {
            problems.add("users must be set: nobody could log in");
        }
        if (rsaKeyPair != null)
        {
            if (!(rsaKeyPair.getPublic() instanceof RSAPublicKey) || !(rsaKeyPair.getPrivate() instanceof RSAPrivateKey))
            {
                problems.add("rsaKeyPair must be an RSA key pair but is " + rsaKeyPair.getPublic().getAlgorithm());
            }
            else if (((RSAPublicKey)rsaKeyPair.getPublic()).getModulus().bitLength() < MIN_RSA_KEY_BITS)
            {
                problems.add("rsaKeyPair must have at least " + MIN_RSA_KEY_BITS + " bits but has " +
                    ((RSAPublicKey)rsaKeyPair.getPublic()).getModulus().bitLength());
            }
        }
        if (maxPacketBytes < MIN_PACKET_BYTES || maxPacketBytes > MAX_PACKET_BYTES_LIMIT)
        {
            problems.add("maxPacketBytes must be " + MIN_PACKET_BYTES + " to " + MAX_PACKET_BYTES_LIMIT + " but is " + maxPacketBytes);
        }
        if (connectTimeout == null || connectTimeout.isNegative() || connectTimeout.isZero())
        {
            problems.add("connectTimeout must be positive but is " + connectTimeout);
        }
        if (ioThreads < 1)
        {
            problems.add("ioThreads must be at least 1 but is " + ioThreads);
        }
        if (!problems.isEmpty())
        {
            throw new IllegalArgumentException("invalid server settings: " + String.join("; ", problems));
        }
        return this;
    }

    public String bindAddress()
    {
        return bindAddress;
    }

    public int port()
    {
        return port;
    }

    public String serverVersion()
    {
        final String current = serverVersionSource == null ? null : serverVersionSource.get();
        return current == null || current.isBlank() || current.indexOf('\0') >= 0 ? serverVersion : current;
    }

    public UserDirectory users()
    {
        return users;
    }

    /** The TLS context, or {@code null} when TLS is not offered. */
    public SslContext tls()
    {
        return tls;
    }

    /** The configured RSA key pair, or {@code null} when one is generated at start. */
    public KeyPair rsaKeyPair()
    {
        return rsaKeyPair;
    }

    public int maxPacketBytes()
    {
        return maxPacketBytes;
    }

    public Duration connectTimeout()
    {
        return connectTimeout;
    }

    public int ioThreads()
    {
        return ioThreads;
    }
}
