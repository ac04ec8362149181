package io.semisync.replica.admin;

import io.semisync.protocol.server.SqlErrorException;

/**
 * The errors the admin port answers with, numbered as MySQL numbers them (and, where scripts and tools match on
 * it, worded as MySQL words them), so that a DBA's client reacts as it would to MySQL.
 */
final class AdminErrors
{
    /** ER_PARSE_ERROR. */
    static final int PARSE_ERROR = 1064;
    /** ER_NOT_SUPPORTED_YET. */
    static final int NOT_SUPPORTED = 1235;
    /** ER_UDF_EXISTS: what INSTALL PLUGIN answers for a plugin that is installed. */
    static final int PLUGIN_EXISTS = 1125;
    /** ER_CANT_OPEN_LIBRARY. */
    static final int CANNOT_OPEN_LIBRARY = 1126;
    /** ER_SP_DOES_NOT_EXIST: what UNINSTALL PLUGIN answers for a plugin that is not installed. */
    static final int DOES_NOT_EXIST = 1305;
    /** ER_UNKNOWN_SYSTEM_VARIABLE. */
    static final int UNKNOWN_VARIABLE = 1193;
    /** ER_WRONG_VALUE_FOR_VAR. */
    static final int WRONG_VALUE = 1231;
    /** ER_GLOBAL_VARIABLE. */
    static final int GLOBAL_VARIABLE = 1229;
    /** ER_INCORRECT_GLOBAL_LOCAL_VAR: a read-only variable. */
    static final int READ_ONLY_VARIABLE = 1238;
    /** ER_NO_BINARY_LOGGING. */
    static final int NO_BINARY_LOGGING = 1381;
    /** ER_NO_SUCH_TABLE. */
    static final int NO_SUCH_TABLE = 1146;
    /** ER_NO_DB_ERROR. */
    static final int NO_DATABASE_SELECTED = 1046;
    /** ER_NO_TABLES_USED. */
    static final int NO_TABLES_USED = 1096;
    /** ER_BAD_FIELD_ERROR. */
    static final int UNKNOWN_COLUMN = 1054;
    /** ER_REPLICA_FATAL_ERROR. */
    static final int REPLICATION_FAILED = 1593;
    /** ER_ERROR_WHEN_EXECUTING_COMMAND: a search of the archive with no answer. */
    static final int ARCHIVE_SEARCH = 1220;

    private static final String SYNTAX = "42000";
    private static final String GENERAL = "HY000";
    private static final int NEAR_LENGTH = 80;

    private AdminErrors()
    {
    }

    /** 1064, quoting the statement from {@code position} on as MySQL does ("near '...'"). */
    static SqlErrorException syntax(final String sql, final int position)
    {
        final String rest = sql.substring(Math.min(position, sql.length())).strip();
        return new SqlErrorException(PARSE_ERROR, SYNTAX, "You have an error in your SQL syntax; the semisync-replica admin port "
            + "cannot read '" + shorten(sql.strip()) + "' near '" + shorten(rest) + "' at line 1");
    }

    /** 1235, naming the statement and what the admin port does answer. */
    static SqlErrorException notSupported(final String sql)
    {
        return new SqlErrorException(NOT_SUPPORTED, SYNTAX, "semisync-replica does not support '" + shorten(sql.strip())
            + "': its admin port answers SHOW REPLICA STATUS, SHOW VARIABLES/STATUS, SET GLOBAL rpl_semi_sync_replica_enabled, "
            + "START/STOP REPLICA, INSTALL/UNINSTALL PLUGIN, SHOW PLUGINS, SHOW RELAYLOG FILES, SHOW RELAYLOG READERS, DROP RELAYLOG READER '...', SHOW BINLOG ARCHIVE [FOR TIME '...' | FOR GTID '...'] and SELECT @@variables");
    }

    /** 1220 (MySQL's error reading a log for SHOW BINLOG EVENTS), with the search's own message. */
    static SqlErrorException archiveSearch(final String message)
    {
        return new SqlErrorException(ARCHIVE_SEARCH, GENERAL, "SHOW BINLOG ARCHIVE: " + message);
    }

    static SqlErrorException pluginExists(final String name)
    {
        return new SqlErrorException(PLUGIN_EXISTS, GENERAL, "Function '" + name + "' already exists");
    }

    static SqlErrorException cannotOpenLibrary(final String library, final String why)
    {
        return new SqlErrorException(CANNOT_OPEN_LIBRARY, GENERAL, "Can't open shared library '" + library + "' (errno: 2 " + why + ")");
    }

    static SqlErrorException noSuchPlugin(final String name)
    {
        return new SqlErrorException(DOES_NOT_EXIST, SYNTAX, "PLUGIN " + name + " does not exist");
    }

    static SqlErrorException noSuchReader(final String name)
    {
        return new SqlErrorException(DOES_NOT_EXIST, GENERAL, "no reader '" + name + "' is registered in the relay log: "
            + "SHOW RELAYLOG READERS lists them");
    }

    static SqlErrorException unknownVariable(final String name)
    {
        return new SqlErrorException(UNKNOWN_VARIABLE, GENERAL, "Unknown system variable '" + name + "'");
    }

    static SqlErrorException wrongValue(final String name, final String value)
    {
        return new SqlErrorException(WRONG_VALUE, SYNTAX, "Variable '" + name + "' can't be set to the value of '" + value + "'");
    }

    static SqlErrorException globalVariable(final String name)
    {
        return new SqlErrorException(GLOBAL_VARIABLE, GENERAL,
            "Variable '" + name + "' is a GLOBAL variable and should be set with SET GLOBAL");
    }

    static SqlErrorException readOnly(final String name, final String why)
    {
        return new SqlErrorException(READ_ONLY_VARIABLE, GENERAL, "Variable '" + name + "' is a read only variable" + why);
    }

    static SqlErrorException noBinaryLogging()
    {
        return new SqlErrorException(NO_BINARY_LOGGING, GENERAL, "You are not using binary logging: semisync-replica keeps the source's "
            + "events in its relay log, which SHOW RELAYLOG FILES lists");
    }

    static SqlErrorException noSuchTable(final String schema, final String table)
    {
        return new SqlErrorException(NO_SUCH_TABLE, "42S02", "Table '" + schema + "." + table + "' doesn't exist");
    }

    static SqlErrorException noSuchFunction(final String name)
    {
        return new SqlErrorException(DOES_NOT_EXIST, SYNTAX, "FUNCTION " + name + " does not exist");
    }

    static SqlErrorException noDatabaseSelected()
    {
        return new SqlErrorException(NO_DATABASE_SELECTED, "3D000", "No database selected");
    }

    static SqlErrorException noTablesUsed()
    {
        return new SqlErrorException(NO_TABLES_USED, GENERAL, "No tables used");
    }

    static SqlErrorException unknownColumn(final String column)
    {
        return new SqlErrorException(UNKNOWN_COLUMN, "42S22", "Unknown column '" + column + "' in 'field list'");
    }

    static SqlErrorException replicationFailed(final String message)
    {
        return new SqlErrorException(REPLICATION_FAILED, GENERAL, message);
    }

    private static String shorten(final String text)
    {
        return text.length() <= NEAR_LENGTH ? text : text.substring(0, NEAR_LENGTH) + "...";
    }
}
