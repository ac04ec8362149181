package io.semisync.protocol.binlog;

/** Binlog event type codes of MySQL and MariaDB that the replica looks at. */
public final class BinlogEventType
{
    public static final int QUERY = 2;
    public static final int STOP = 3;
    public static final int ROTATE = 4;
    public static final int FORMAT_DESCRIPTION = 15;
    public static final int XID = 16;
    public static final int TABLE_MAP = 19;
    public static final int WRITE_ROWS_V1 = 23;
    public static final int UPDATE_ROWS_V1 = 24;
    public static final int DELETE_ROWS_V1 = 25;
    public static final int HEARTBEAT = 27;
    public static final int ROWS_QUERY = 29;
    public static final int WRITE_ROWS_V2 = 30;
    public static final int UPDATE_ROWS_V2 = 31;
    public static final int DELETE_ROWS_V2 = 32;
    public static final int GTID = 33;
    public static final int ANONYMOUS_GTID = 34;
    public static final int PREVIOUS_GTIDS = 35;
    public static final int XA_PREPARE = 38;
    public static final int PARTIAL_UPDATE_ROWS = 39;
    public static final int TRANSACTION_PAYLOAD = 40;
    public static final int HEARTBEAT_V2 = 41;
    public static final int GTID_TAGGED = 42;
    public static final int MARIADB_ANNOTATE_ROWS = 160;
    public static final int MARIADB_BINLOG_CHECKPOINT = 161;
    public static final int MARIADB_GTID = 162;
    public static final int MARIADB_GTID_LIST = 163;
    public static final int MARIADB_START_ENCRYPTION = 164;

    private BinlogEventType()
    {
    }

    /** A readable name for logs and the dump command, e.g. {@code XID} or {@code TYPE_99}. */
    public static String name(final int type)
    {
        return switch (type)
        {
            case QUERY -> "QUERY";
            case STOP -> "STOP";
            case ROTATE -> "ROTATE";
            case FORMAT_DESCRIPTION -> "FORMAT_DESCRIPTION";
            case XID -> "XID";
            case TABLE_MAP -> "TABLE_MAP";
            case WRITE_ROWS_V1 -> "WRITE_ROWS_V1";
            case UPDATE_ROWS_V1 -> "UPDATE_ROWS_V1";
            case DELETE_ROWS_V1 -> "DELETE_ROWS_V1";
            case HEARTBEAT -> "HEARTBEAT";
            case ROWS_QUERY -> "ROWS_QUERY";
            case WRITE_ROWS_V2 -> "WRITE_ROWS";
            case UPDATE_ROWS_V2 -> "UPDATE_ROWS";
            case DELETE_ROWS_V2 -> "DELETE_ROWS";
            case GTID -> "GTID";
            case ANONYMOUS_GTID -> "ANONYMOUS_GTID";
            case PREVIOUS_GTIDS -> "PREVIOUS_GTIDS";
            case XA_PREPARE -> "XA_PREPARE";
            case PARTIAL_UPDATE_ROWS -> "PARTIAL_UPDATE_ROWS";
            case TRANSACTION_PAYLOAD -> "TRANSACTION_PAYLOAD";
            case HEARTBEAT_V2 -> "HEARTBEAT_V2";
            case GTID_TAGGED -> "GTID_TAGGED";
            case MARIADB_ANNOTATE_ROWS -> "ANNOTATE_ROWS";
            case MARIADB_BINLOG_CHECKPOINT -> "BINLOG_CHECKPOINT";
            case MARIADB_GTID -> "MARIADB_GTID";
            case MARIADB_GTID_LIST -> "GTID_LIST";
            case MARIADB_START_ENCRYPTION -> "START_ENCRYPTION";
            default -> "TYPE_" + type;
        };
    }
}
