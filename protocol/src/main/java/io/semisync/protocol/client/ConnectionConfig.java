package io.semisync.protocol.client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.semisync.protocol.tls.TlsMode;

/**
 * Everything needed to open one connection. Build with {@link #builder()}; {@link #validate()} turns every
 * bad setting into one clear message before anything connects. Defaults sit beside each setting.
 */
public final class ConnectionConfig
{
    /** Default server port. */
    public static final int DEFAULT_PORT = 3306;
    /** Default TLS mode, as in the {@code mysql} client: encrypt when offered. */
    public static final TlsMode DEFAULT_TLS_MODE = TlsMode.PREFERRED;
    /** Default time allowed for the TCP connect and, separately, for the login. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Default largest payload accepted from the server; matches the servers' default max_allowed_packet. */
    public static final int DEFAULT_MAX_PACKET_SIZE = 64 * 1024 * 1024;
    /** The protocol's own ceiling for a payload (max_allowed_packet cannot exceed 1 GiB). */
    public static final int MAX_PACKET_SIZE_LIMIT = 1024 * 1024 * 1024;

    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final String database;
    private final TlsMode tlsMode;
    private final Path tlsCaPath;
    private final Path tlsCertificatePath;
    private final Path tlsKeyPath;
    private final boolean allowPublicKeyRetrieval;
    private final Path serverPublicKeyPath;
    private final Duration connectTimeout;
    private final int maxPacketSize;
    private final boolean deprecateEof;

    private ConnectionConfig(final Builder builder)
    {
        this.host = builder.host;
        this.port = builder.port;
        this.user = builder.user;
        this.password = builder.password;
        this.database = builder.database;
        this.tlsMode = builder.tlsMode;
        this.tlsCaPath = builder.tlsCaPath;
        this.tlsCertificatePath = builder.tlsCertificatePath;
        this.tlsKeyPath = builder.tlsKeyPath;
        this.allowPublicKeyRetrieval = builder.allowPublicKeyRetrieval;
        this.serverPublicKeyPath = builder.serverPublicKeyPath;
        this.connectTimeout = builder.connectTimeout;
        this.maxPacketSize = builder.maxPacketSize;
        this.deprecateEof = builder.deprecateEof;
    }

    public static Builder builder()
    {
        return new Builder();
    }

    /** A builder holding this configuration's settings, to derive a variant. */
    public Builder toBuilder()
    {
        return new Builder()
            .host(host)
            .port(port)
            .user(user)
            .password(password)
            .database(database)
            .tlsMode(tlsMode)
            .tlsCaPath(tlsCaPath)
            .tlsCertificatePath(tlsCertificatePath)
            .tlsKeyPath(tlsKeyPath)
            .allowPublicKeyRetrieval(allowPublicKeyRetrieval)
            .serverPublicKeyPath(serverPublicKeyPath)
            .connectTimeout(connectTimeout)
            .maxPacketSize(maxPacketSize)
            .deprecateEof(deprecateEof);
    }

    /**
     * Checks every setting and throws one {@link IllegalArgumentException} that lists all problems.
     *
     * @return this configuration, for chaining
     */
    public ConnectionConfig validate()
    {
        final List<String> problems = new ArrayList<>();
        if (host == null || host.isBlank())
        {
            problems.add("host must be set");
        }
        if (port < 1 || port > 65535)
        {
            problems.add("port must be 1 to 65535 but is " + port);
        }
        if (user == null || user.isEmpty())
        {
            problems.add("user must be set");
        }
        if (password == null)
        {
            problems.add("password must not be null (use \"\" for none)");
        }
        if (tlsMode == null)
        {
            problems.add("tlsMode must be set (DISABLED, PREFERRED, REQUIRED, VERIFY_CA or VERIFY_IDENTITY)");
        }
        else if (tlsMode.requiresCa() && tlsCaPath == null)
        {
            problems.add("tlsMode=" + tlsMode + " needs tlsCaPath, the PEM file of the CA that signed the server certificate");
        }
        requireReadable(problems, "tlsCaPath", tlsCaPath);
        requireReadable(problems, "tlsCertificatePath", tlsCertificatePath);
        requireReadable(problems, "tlsKeyPath", tlsKeyPath);
        if ((tlsCertificatePath == null) != (tlsKeyPath == null))
        {
            problems.add("tlsCertificatePath and tlsKeyPath must be set together (client certificate PEM and its PKCS#8 key PEM)");
        }
        if (tlsMode == TlsMode.DISABLED && (tlsCaPath != null || tlsCertificatePath != null))
        {
            problems.add("TLS files are configured but tlsMode=DISABLED; remove them or choose another tlsMode");
        }
        requireReadable(problems, "serverPublicKeyPath", serverPublicKeyPath);
        if (connectTimeout == null || connectTimeout.isNegative() || connectTimeout.isZero())
        {
            problems.add("connectTimeout must be positive but is " + connectTimeout);
        }
        if (maxPacketSize < 1 || maxPacketSize > MAX_PACKET_SIZE_LIMIT)
        {
            problems.add("maxPacketSize must be 1 to " + MAX_PACKET_SIZE_LIMIT + " bytes but is " + maxPacketSize);
        }
        if (!problems.isEmpty())
        {
            throw new IllegalArgumentException("invalid connection configuration: " + String.join("; ", problems));
        }
        return this;
    }

    private static void requireReadable(final List<String> problems, final String name, final Path path)
    {
        if (path != null && !Files.isReadable(path))
        {
            problems.add(name + " " + path + " is not a readable file");
        }
    }

    public String host()
    {
        return host;
    }

    public int port()
    {
        return port;
    }

    /** {@code host:port}, as error messages name the server. */
    public String address()
    {
        return host + ":" + port;
    }

    public String user()
    {
        return user;
    }

    public String password()
    {
        return password;
    }

    /** The initial schema, or {@code null} for none. */
    public String database()
    {
        return database;
    }

    public TlsMode tlsMode()
    {
        return tlsMode;
    }

    public Path tlsCaPath()
    {
        return tlsCaPath;
    }

    public Path tlsCertificatePath()
    {
        return tlsCertificatePath;
    }

    public Path tlsKeyPath()
    {
        return tlsKeyPath;
    }

    public boolean allowPublicKeyRetrieval()
    {
        return allowPublicKeyRetrieval;
    }

    public Path serverPublicKeyPath()
    {
        return serverPublicKeyPath;
    }

    public Duration connectTimeout()
    {
        return connectTimeout;
    }

    public int maxPacketSize()
    {
        return maxPacketSize;
    }

    public boolean deprecateEof()
    {
        return deprecateEof;
    }

    @Override
    public String toString()
    {
        return "ConnectionConfig{" + user + "@" + address() + (database == null ? "" : "/" + database) + ", tlsMode=" + tlsMode +
            ", allowPublicKeyRetrieval=" + allowPublicKeyRetrieval + ", maxPacketSize=" + maxPacketSize + "}";
    }

    /** Collects settings; nothing is checked until {@link ConnectionConfig#validate()}. */
    public static final class Builder
    {
        private String host;
        private int port = DEFAULT_PORT;
        private String user;
        private String password = "";
        private String database;
        private TlsMode tlsMode = DEFAULT_TLS_MODE;
        private Path tlsCaPath;
        private Path tlsCertificatePath;
        private Path tlsKeyPath;
        private boolean allowPublicKeyRetrieval;
        private Path serverPublicKeyPath;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private int maxPacketSize = DEFAULT_MAX_PACKET_SIZE;
        private boolean deprecateEof = true;

        private Builder()
        {
        }

        /** Server host name or IP address; required. */
        public Builder host(final String host)
        {
            this.host = host;
            return this;
        }

        /** Server port; default {@value ConnectionConfig#DEFAULT_PORT}. */
        public Builder port(final int port)
        {
            this.port = port;
            return this;
        }

        /** Login user; required. */
        public Builder user(final String user)
        {
            this.user = user;
            return this;
        }

        /** Clear-text password; default empty. */
        public Builder password(final String password)
        {
            this.password = password;
            return this;
        }

        /** Initial schema; default none. */
        public Builder database(final String database)
        {
            this.database = database;
            return this;
        }

        /** TLS mode; default PREFERRED. */
        public Builder tlsMode(final TlsMode tlsMode)
        {
            this.tlsMode = tlsMode;
            return this;
        }

        /** PEM file of the CA to verify the server with; required by VERIFY_CA and VERIFY_IDENTITY. */
        public Builder tlsCaPath(final Path tlsCaPath)
        {
            this.tlsCaPath = tlsCaPath;
            return this;
        }

        /** PEM file of the client certificate; default none. */
        public Builder tlsCertificatePath(final Path tlsCertificatePath)
        {
            this.tlsCertificatePath = tlsCertificatePath;
            return this;
        }

        /** PEM file of the client certificate's PKCS#8 private key ({@code BEGIN PRIVATE KEY}); default none. */
        public Builder tlsKeyPath(final Path tlsKeyPath)
        {
            this.tlsKeyPath = tlsKeyPath;
            return this;
        }

        /** Whether caching_sha2_password may ask the server for its RSA key without TLS; default false. */
        public Builder allowPublicKeyRetrieval(final boolean allowPublicKeyRetrieval)
        {
            this.allowPublicKeyRetrieval = allowPublicKeyRetrieval;
            return this;
        }

        /** PEM file of the server's RSA public key for caching_sha2_password without TLS; default none. */
        public Builder serverPublicKeyPath(final Path serverPublicKeyPath)
        {
            this.serverPublicKeyPath = serverPublicKeyPath;
            return this;
        }

        /** Time allowed for the TCP connect and then for the login; default 10 s. */
        public Builder connectTimeout(final Duration connectTimeout)
        {
            this.connectTimeout = connectTimeout;
            return this;
        }

        /** Largest payload accepted from the server before the connection fails; default 64 MiB. */
        public Builder maxPacketSize(final int maxPacketSize)
        {
            this.maxPacketSize = maxPacketSize;
            return this;
        }

        /** Whether to ask for CLIENT_DEPRECATE_EOF (result sets end with OK); default true. */
        public Builder deprecateEof(final boolean deprecateEof)
        {
            this.deprecateEof = deprecateEof;
            return this;
        }

        public ConnectionConfig build()
        {
            return new ConnectionConfig(this);
        }
    }
}
