package io.semisync.protocol.auth;

import java.util.Optional;

import io.netty.buffer.ByteBuf;

/**
 * A client-side authentication method, chosen by the plugin name the server sends. Plugins are stateless:
 * everything they answer with follows from the {@link AuthenticationContext} and the server's last message.
 */
public interface AuthenticationPlugin
{
    /** The name the server uses for this plugin, e.g. {@code caching_sha2_password}. */
    String name();

    /** The first answer to the server's nonce, sent in HandshakeResponse41 or after an AuthSwitchRequest. */
    byte[] initialResponse(AuthenticationContext context);

    /**
     * The answer to an AuthMoreData packet ({@code data} is its payload after the 0x01 header), or empty
     * when the server speaks next.
     */
    Optional<byte[]> onMoreData(ByteBuf data, AuthenticationContext context);
}
