package io.semisync.replica.admin;

import io.semisync.protocol.server.ColumnKind;
import io.semisync.protocol.server.ResultColumn;
import io.semisync.protocol.tls.TlsMode;
import io.semisync.replica.ReplicaState;
import io.semisync.replica.ReplicaStatus;
import io.semisync.replica.StoredProgress;
import io.semisync.replica.config.ReplicaConfig;
import io.semisync.replica.config.Settings;
import io.semisync.storage.relaylog.RelayLogFile;

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@code SHOW REPLICA STATUS} and {@code SHOW SLAVE STATUS}: MySQL's 60 columns in MySQL's order, named as MySQL 8.0.22+
 * names them for each spelling ({@code Replica_IO_Running}, {@code Source_Log_File}, ... or {@code Slave_IO_Running},
 * {@code Master_Log_File}, ...), from one snapshot of the replica. This replica has no SQL thread: what it stores is
 * what it executes, so the SQL columns report the relay log's store as a running SQL thread that is never behind
 * (as MaxScale's binlog router does), and the executed GTIDs are the retrieved ones.
 */
final class ReplicaStatusTable
{
    private static final DateTimeFormatter ERROR_TIME = DateTimeFormatter.ofPattern("yyMMdd HH:mm:ss");
    private static final String FIRST_POSITION = "4";

    /**
     * Everything one row shows.
     *
     * @param status      the replica's snapshot
     * @param progress    what the relay log holds
     * @param config      the settings
     * @param relayLog    the relay log's files, oldest first
     * @param sqlRunning  whether the SQL thread counts as running (STOP/START REPLICA SQL_THREAD)
     * @param dataDir     the data directory, what {@code Source_Info_File} names
     * @param slaveNames  whether the statement said SLAVE: the older column names and "master" in the states
     */
    record Snapshot(ReplicaStatus status, StoredProgress progress, ReplicaConfig config, List<RelayLogFile> relayLog,
        boolean sqlRunning, Path dataDir, boolean slaveNames)
    {
        String sourceWord()
        {
            return slaveNames ? "master" : "source";
        }
    }

    private record Column(String replicaName, String slaveName, ColumnKind kind, Function<Snapshot, String> value)
    {
    }

    private final List<Column> columns = new ArrayList<>();
    private final ZoneId zone;

    ReplicaStatusTable(final ZoneId zone)
    {
        this.zone = zone;
        text("Replica_IO_State", "Slave_IO_State", s -> ioState(s.status().state(), s.sourceWord()));
        text("Source_Host", "Master_Host", s -> s.config().get(Settings.SOURCE_HOST));
        text("Source_User", "Master_User", s -> s.config().get(Settings.USER));
        number("Source_Port", "Master_Port", s -> String.valueOf(s.config().get(Settings.SOURCE_PORT)));
        number("Connect_Retry", "Connect_Retry",
            s -> String.valueOf(Math.max(1, s.config().get(Settings.RECONNECT_MAX_BACKOFF).toSeconds())));
        text("Source_Log_File", "Master_Log_File", s -> s.status().storedFile());
        number("Read_Source_Log_Pos", "Read_Master_Log_Pos", ReplicaStatusTable::storedPosition);
        text("Relay_Log_File", "Relay_Log_File", s -> s.relayLog().isEmpty() ? "" : newest(s).name());
        number("Relay_Log_Pos", "Relay_Log_Pos", s -> String.valueOf(Math.max(0, s.status().storedIndex())));
        text("Relay_Source_Log_File", "Relay_Master_Log_File", s -> s.status().storedFile());
        text("Replica_IO_Running", "Slave_IO_Running", s -> ioRunning(s.status().state()));
        text("Replica_SQL_Running", "Slave_SQL_Running", s -> s.sqlRunning() ? "Yes" : "No");
        text("Replicate_Do_DB", "Replicate_Do_DB", s -> "");
        text("Replicate_Ignore_DB", "Replicate_Ignore_DB", s -> "");
        text("Replicate_Do_Table", "Replicate_Do_Table", s -> "");
        text("Replicate_Ignore_Table", "Replicate_Ignore_Table", s -> "");
        text("Replicate_Wild_Do_Table", "Replicate_Wild_Do_Table", s -> "");
        text("Replicate_Wild_Ignore_Table", "Replicate_Wild_Ignore_Table", s -> "");
        number("Last_Errno", "Last_Errno", s -> "0");
        text("Last_Error", "Last_Error", s -> "");
        number("Skip_Counter", "Skip_Counter", s -> "0");
        number("Exec_Source_Log_Pos", "Exec_Master_Log_Pos", ReplicaStatusTable::storedPosition);
        number("Relay_Log_Space", "Relay_Log_Space", s -> String.valueOf(s.relayLog().stream().mapToLong(RelayLogFile::size).sum()));
        text("Until_Condition", "Until_Condition", s -> "None");
        text("Until_Log_File", "Until_Log_File", s -> "");
        number("Until_Log_Pos", "Until_Log_Pos", s -> "0");
        text("Source_SSL_Allowed", "Master_SSL_Allowed", s -> yesNo(s.config().get(Settings.TLS_MODE) != TlsMode.DISABLED));
        text("Source_SSL_CA_File", "Master_SSL_CA_File", s -> Settings.TLS_CA.format(s.config().get(Settings.TLS_CA)));
        text("Source_SSL_CA_Path", "Master_SSL_CA_Path", s -> "");
        text("Source_SSL_Cert", "Master_SSL_Cert", s -> Settings.TLS_CERT.format(s.config().get(Settings.TLS_CERT)));
        text("Source_SSL_Cipher", "Master_SSL_Cipher", s -> "");
        text("Source_SSL_Key", "Master_SSL_Key", s -> Settings.TLS_KEY.format(s.config().get(Settings.TLS_KEY)));
        number("Seconds_Behind_Source", "Seconds_Behind_Master", ReplicaStatusTable::secondsBehind);
        text("Source_SSL_Verify_Server_Cert", "Master_SSL_Verify_Server_Cert",
            s -> yesNo(s.config().get(Settings.TLS_MODE) == TlsMode.VERIFY_IDENTITY));
        number("Last_IO_Errno", "Last_IO_Errno", s -> String.valueOf(s.status().lastError().code()));
        text("Last_IO_Error", "Last_IO_Error", s -> s.status().lastError().message());
        number("Last_SQL_Errno", "Last_SQL_Errno", s -> "0");
        text("Last_SQL_Error", "Last_SQL_Error", s -> "");
        text("Replicate_Ignore_Server_Ids", "Replicate_Ignore_Server_Ids", s -> "");
        number("Source_Server_Id", "Master_Server_Id", s -> String.valueOf(s.status().sourceServerId()));
        text("Source_UUID", "Master_UUID", s -> s.status().sourceUuid());
        text("Source_Info_File", "Master_Info_File", s -> s.dataDir().toString());
        number("SQL_Delay", "SQL_Delay", s -> "0");
        number("SQL_Remaining_Delay", "SQL_Remaining_Delay", s -> null);
        text("Replica_SQL_Running_State", "Slave_SQL_Running_State",
            s -> s.sqlRunning() ? (s.slaveNames() ? "Slave" : "Replica") + " has read all relay log; waiting for more updates" : "");
        number("Source_Retry_Count", "Master_Retry_Count", s -> "0");
        text("Source_Bind", "Master_Bind", s -> "");
        text("Last_IO_Error_Timestamp", "Last_IO_Error_Timestamp",
            s -> s.status().lastError().time() == null ? "" : ERROR_TIME.format(s.status().lastError().time().atZone(zone)));
        text("Last_SQL_Error_Timestamp", "Last_SQL_Error_Timestamp", s -> "");
        text("Source_SSL_Crl", "Master_SSL_Crl", s -> "");
        text("Source_SSL_Crlpath", "Master_SSL_Crlpath", s -> "");
        text("Retrieved_Gtid_Set", "Retrieved_Gtid_Set", s -> s.progress().retrievedGtids());
        text("Executed_Gtid_Set", "Executed_Gtid_Set", s -> s.progress().retrievedGtids());
        number("Auto_Position", "Auto_Position", s -> s.status().resumesByGtid() ? "1" : "0");
        text("Replicate_Rewrite_DB", "Replicate_Rewrite_DB", s -> "");
        text("Channel_Name", "Channel_Name", s -> "");
        text("Source_TLS_Version", "Master_TLS_Version", s -> "");
        text("Source_public_key_path", "Master_public_key_path",
            s -> Settings.SERVER_PUBLIC_KEY.format(s.config().get(Settings.SERVER_PUBLIC_KEY)));
        number("Get_Source_public_key", "Get_master_public_key", s -> s.config().get(Settings.ALLOW_PUBLIC_KEY_RETRIEVAL) ? "1" : "0");
        text("Network_Namespace", "Network_Namespace", s -> "");
    }

    private void text(final String replicaName, final String slaveName, final Function<Snapshot, String> value)
    {
        columns.add(new Column(replicaName, slaveName, ColumnKind.TEXT, value));
    }

    private void number(final String replicaName, final String slaveName, final Function<Snapshot, String> value)
    {
        columns.add(new Column(replicaName, slaveName, ColumnKind.INTEGER, value));
    }

    /** The one-row result. */
    ResultTable table(final Snapshot snapshot)
    {
        final List<ResultColumn> resultColumns = new ArrayList<>();
        final List<String> row = new ArrayList<>();
        for (final Column column : columns)
        {
            resultColumns.add(new ResultColumn(snapshot.slaveNames() ? column.slaveName() : column.replicaName(), column.kind()));
            row.add(column.value().apply(snapshot));
        }
        return new ResultTable(resultColumns).add(row);
    }

    /** What MySQL's replica shows as its I/O thread's state. */
    static String ioState(final ReplicaState state, final String sourceWord)
    {
        return switch (state)
        {
            case STREAMING -> "Waiting for " + sourceWord + " to send event";
            case STARTING, CONNECTING -> "Connecting to " + sourceWord;
            case WAITING_TO_RECONNECT -> "Waiting to reconnect after a failed " + sourceWord + " event read";
            case IO_STOPPED, FAILED, STOPPED -> "";
        };
    }

    /** Yes while streaming, Connecting while trying to, No when stopped, as MySQL's {@code Replica_IO_Running}. */
    static String ioRunning(final ReplicaState state)
    {
        return switch (state)
        {
            case STREAMING -> "Yes";
            case STARTING, CONNECTING, WAITING_TO_RECONNECT -> "Connecting";
            case IO_STOPPED, FAILED, STOPPED -> "No";
        };
    }

    private static String storedPosition(final Snapshot snapshot)
    {
        return snapshot.status().storedFile().isEmpty() ? FIRST_POSITION : String.valueOf(snapshot.status().storedPosition());
    }

    /** NULL unless streaming, as MySQL shows it while its I/O thread does not run. */
    private static String secondsBehind(final Snapshot snapshot)
    {
        if (snapshot.status().state() != ReplicaState.STREAMING)
        {
            return null;
        }
        return String.valueOf(Math.max(0, snapshot.progress().secondsBehindSource()));
    }

    private static RelayLogFile newest(final Snapshot snapshot)
    {
        return snapshot.relayLog().get(snapshot.relayLog().size() - 1);
    }

    private static String yesNo(final boolean yes)
    {
        return yes ? "Yes" : "No";
    }
}
