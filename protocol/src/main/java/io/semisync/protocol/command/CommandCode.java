package io.semisync.protocol.command;

/** The first payload byte of each command this client sends or this server answers. */
public final class CommandCode
{
    public static final int COM_QUIT = 0x01;
    public static final int COM_INIT_DB = 0x02;
    public static final int COM_QUERY = 0x03;
    public static final int COM_PING = 0x0E;
    public static final int COM_BINLOG_DUMP = 0x12;
    public static final int COM_REGISTER_SLAVE = 0x15;
    public static final int COM_SET_OPTION = 0x1B;
    public static final int COM_BINLOG_DUMP_GTID = 0x1E;
    public static final int COM_RESET_CONNECTION = 0x1F;

    private CommandCode()
    {
    }
}
