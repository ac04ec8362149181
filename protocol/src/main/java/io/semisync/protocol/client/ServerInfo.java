package io.semisync.protocol.client;

import io.semisync.protocol.handshake.CapabilityFlags;
import io.semisync.protocol.handshake.ServerFlavor;

/**
 * What the server told us at login.
 *
 * @param flavor              MySQL or MariaDB
 * @param serverVersion       the version string without MariaDB's {@code 5.5.5-} prefix, e.g. {@code 10.11.6-MariaDB}
 * @param connectionId        the server's id for this connection ({@code CONNECTION_ID()})
 * @param serverCapabilities  everything the server offered, MariaDB's extended bits in 32-63
 * @param capabilities        what this connection uses (offered and asked for)
 * @param tls                 whether the connection is encrypted
 * @param authPlugin          the plugin that completed the login
 */
public record ServerInfo(
    ServerFlavor flavor,
    String serverVersion,
    long connectionId,
    long serverCapabilities,
    long capabilities,
    boolean tls,
    String authPlugin)
{
    /** Whether this connection uses {@code flag}. */
    public boolean uses(final long flag)
    {
        return CapabilityFlags.has(capabilities, flag);
    }
}
