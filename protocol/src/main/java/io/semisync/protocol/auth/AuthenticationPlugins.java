package io.semisync.protocol.auth;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The plugins this client supports, looked up by the name the server asks for. */
public final class AuthenticationPlugins
{
    private static final AuthenticationPlugins DEFAULTS =
        new AuthenticationPlugins(MySqlNativePasswordPlugin.INSTANCE, CachingSha2PasswordPlugin.INSTANCE, ClientEd25519Plugin.INSTANCE);

    private final Map<String, AuthenticationPlugin> byName = new LinkedHashMap<>();

    public AuthenticationPlugins(final AuthenticationPlugin... plugins)
    {
        for (final AuthenticationPlugin plugin : plugins)
        {
            byName.put(plugin.name(), plugin);
        }
    }

    /** mysql_native_password, caching_sha2_password and MariaDB's client_ed25519. */
    public static AuthenticationPlugins defaults()
    {
        return DEFAULTS;
    }

    public Optional<AuthenticationPlugin> forName(final String name)
    {
        return Optional.ofNullable(byName.get(name));
    }

    /** The plugin for {@code name}, or an {@link AuthenticationException} naming what is supported. */
    public AuthenticationPlugin require(final String name)
    {
        return forName(name).orElseThrow(() -> new AuthenticationException(
            "the server asks for authentication plugin '" + name + "', which this client does not support; supported: " + byName.keySet()));
    }
}
