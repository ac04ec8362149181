package io.semisync.protocol.server;

import io.semisync.protocol.ServerMessage;
import io.semisync.protocol.handshake.CapabilityFlags;
import io.semisync.protocol.response.ErrPacket;
import io.semisync.protocol.response.OkPacket;
import io.semisync.protocol.response.ServerStatus;

/**
 * The state of one client connection, shared by its login and command phases and shown to the handler as its
 * {@link ServerSession}. Written on the event loop; the fields handlers read from other threads are volatile.
 */
final class ServerConnection implements ServerSession
{
    /** Status flags of every OK and EOF: autocommit, no transaction. */
    static final int STATUS_FLAGS = ServerStatus.SERVER_STATUS_AUTOCOMMIT;

    private final long connectionId;
    private final String clientHost;
    private volatile boolean secure;
    private volatile String user;
    private volatile String schema;
    private long clientCapabilities;

    ServerConnection(final long connectionId, final String clientHost)
    {
        this.connectionId = connectionId;
        this.clientHost = clientHost;
    }

    @Override
    public long connectionId()
    {
        return connectionId;
    }

    @Override
    public String user()
    {
        return user;
    }

    @Override
    public String clientHost()
    {
        return clientHost;
    }

    @Override
    public boolean secure()
    {
        return secure;
    }

    @Override
    public String schema()
    {
        return schema;
    }

    void secured()
    {
        secure = true;
    }

    void user(final String name)
    {
        user = name;
    }

    void schema(final String name)
    {
        schema = name;
    }

    /** The capabilities both sides have, once the client has said which it uses. */
    void clientCapabilities(final long capabilities)
    {
        clientCapabilities = capabilities;
    }

    /** Whether the client and the server agreed on {@code flag}. */
    boolean uses(final long flag)
    {
        return CapabilityFlags.has(clientCapabilities, flag);
    }

    /** The ERR packet for {@code error}; with SQLSTATE unless the client is known not to speak CLIENT_PROTOCOL_41. */
    ServerMessage errorPacket(final SqlErrorException error)
    {
        final boolean withState = clientCapabilities == 0 || uses(CapabilityFlags.CLIENT_PROTOCOL_41);
        return ErrPacket.of(error.errorCode(), withState ? error.sqlState() : null, error.getMessage());
    }

    /** An OK packet with {@code affectedRows} and {@code info}. */
    static OkPacket ok(final long affectedRows, final String info)
    {
        return new OkPacket(affectedRows, 0, STATUS_FLAGS, 0, info);
    }

    @Override
    public String toString()
    {
        return "connection " + connectionId + " (" + (user == null ? "" : "'" + user + "'@") + "'" + clientHost + "')";
    }
}
