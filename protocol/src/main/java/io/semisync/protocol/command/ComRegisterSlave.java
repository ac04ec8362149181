package io.semisync.protocol.command;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;

/**
 * COM_REGISTER_SLAVE: announces this replica to the source ({@code SHOW REPLICAS}); answered by OK.
 *
 * <pre>
 * u32       server id of the replica
 * u8 + str  host name the replica reports
 * u8 + str  user the replica reports
 * u8 + str  password the replica reports
 * u16       port the replica reports
 * u32       replication rank (0)
 * u32       source id (0)
 * </pre>
 */
public final class ComRegisterSlave extends Command
{
    private static final int MAX_STRING_LENGTH = 0xFF;
    private static final int FIXED_LENGTH = 4 + 1 + 1 + 1 + 2 + 4 + 4;

    private final long serverId;
    private final byte[] hostname;
    private final byte[] user;
    private final byte[] password;
    private final int port;

    public ComRegisterSlave(final long serverId, final String hostname, final String user, final String password, final int port)
    {
        super(CommandCode.COM_REGISTER_SLAVE);
        if (serverId < 1 || serverId > 0xFFFF_FFFFL)
        {
            throw new IllegalArgumentException("server id must be 1 to 4294967295 but was " + serverId);
        }
        if (port < 0 || port > 0xFFFF)
        {
            throw new IllegalArgumentException("port must be 0 to 65535 but was " + port);
        }
        this.serverId = serverId;
        this.hostname = shortString("hostname", hostname);
        this.user = shortString("user", user);
        this.password = shortString("password", password);
        this.port = port;
    }

    @Override
    protected int bodyLength()
    {
        return FIXED_LENGTH + hostname.length + user.length + password.length;
    }

    @Override
    protected void writeBody(final ByteBuf out)
    {
        out.writeIntLE((int)serverId);
        out.writeByte(hostname.length).writeBytes(hostname);
        out.writeByte(user.length).writeBytes(user);
        out.writeByte(password.length).writeBytes(password);
        out.writeShortLE(port);
        out.writeIntLE(0);
        out.writeIntLE(0);
    }

    private static byte[] shortString(final String field, final String value)
    {
        final byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_STRING_LENGTH)
        {
            throw new IllegalArgumentException(field + " must be at most 255 bytes but is " + bytes.length);
        }
        return bytes;
    }
}
