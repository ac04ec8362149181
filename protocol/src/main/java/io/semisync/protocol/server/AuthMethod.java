package io.semisync.protocol.server;

/** How a {@link ServerUser} proves its password; each is the MySQL authentication plugin of the same name. */
public enum AuthMethod
{
    /**
     * {@code caching_sha2_password}, MySQL's default: the server keeps SHA-256(SHA-256(password)); a user's
     * first login after the server starts needs the password itself (over TLS, or RSA-encrypted without TLS),
     * later logins prove it with a scramble only.
     */
    CACHING_SHA2_PASSWORD("caching_sha2_password"),
    /** {@code mysql_native_password}: the server keeps SHA-1(SHA-1(password)) and checks a scramble of it. */
    MYSQL_NATIVE_PASSWORD("mysql_native_password");

    private final String pluginName;

    AuthMethod(final String pluginName)
    {
        this.pluginName = pluginName;
    }

    /** The plugin name clients see in the handshake, e.g. {@code caching_sha2_password}. */
    public String pluginName()
    {
        return pluginName;
    }
}
