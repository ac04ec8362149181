package io.semisync.replica.source;

import io.semisync.protocol.ServerErrorException;
import io.semisync.protocol.client.MySqlConnection;
import io.semisync.protocol.handshake.ServerFlavor;
import io.semisync.protocol.response.ResultSet;
import io.semisync.protocol.response.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Reads {@link SourceFacts} with a few queries. Semisync is probed as DESIGN.md says: the MySQL 8.0.26+
 * variable name first, then the older {@code master} name that MariaDB and old MySQL use. A source whose
 * {@code binlog_row_metadata} is not FULL gets a warning: its row events carry no column names for the change feed.
 */
public final class SourceFactsReader
{
    private static final Logger LOG = LoggerFactory.getLogger(SourceFactsReader.class);
    /** ER_UNKNOWN_SYSTEM_VARIABLE. */
    private static final int UNKNOWN_SYSTEM_VARIABLE = 1193;

    private SourceFactsReader()
    {
    }

    public static CompletableFuture<SourceFacts> read(final MySqlConnection connection)
    {
        final ServerFlavor flavor = connection.serverInfo().flavor();
        final String sql = flavor == ServerFlavor.MARIADB
            ? "SELECT VERSION(), @@global.server_id, '', @@global.binlog_checksum, 'ON', @@global.gtid_binlog_pos, "
                + "@@global.binlog_row_metadata"
            : "SELECT VERSION(), @@global.server_id, @@global.server_uuid, @@global.binlog_checksum, @@global.gtid_mode, @@global.gtid_executed, "
                + "@@global.binlog_row_metadata";
        return connection.query(sql).thenCompose(result -> semisync(connection, "rpl_semi_sync_source_enabled")
            .thenCompose(support -> support != SemisyncSupport.NOT_INSTALLED
                ? CompletableFuture.completedFuture(support)
                : semisync(connection, "rpl_semi_sync_master_enabled"))
            .thenApply(support -> facts(flavor, result, support)))
            .thenApply(SourceFactsReader::warnAboutRowMetadata);
    }

    private static SourceFacts warnAboutRowMetadata(final SourceFacts facts)
    {
        if (!facts.hasFullRowMetadata())
        {
            LOG.warn("the source's binlog_row_metadata is {}, so its row events carry no column names: the cdc command "
                + "names columns from the source's information_schema (--cdc-source-columns) or by position (col_1, ...); run "
                + "SET GLOBAL binlog_row_metadata=FULL on the source (and set it in its my.cnf)", facts.binlogRowMetadata());
        }
        return facts;
    }

    private static SourceFacts facts(final ServerFlavor flavor, final ResultSet result, final SemisyncSupport support)
    {
        final Row row = result.rows().get(0);
        return new SourceFacts(
            flavor,
            row.getString(0),
            Long.parseLong(row.getString(1)),
            row.getString(2),
            "CRC32".equalsIgnoreCase(row.getString(3)),
            "ON".equalsIgnoreCase(row.getString(4)),
            row.isNull(5) ? "" : row.getString(5).replaceAll("\\s", ""),
            support,
            row.isNull(6) ? "" : row.getString(6));
    }

    private static CompletableFuture<SemisyncSupport> semisync(final MySqlConnection connection, final String variable)
    {
        return connection.query("SELECT @@global." + variable).handle((result, failure) ->
        {
            if (failure == null)
            {
                final String value = result.rows().get(0).getString(0);
                return "1".equals(value) || "ON".equalsIgnoreCase(value) ? SemisyncSupport.ENABLED : SemisyncSupport.DISABLED;
            }
            final Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (cause instanceof ServerErrorException error && error.errorCode() == UNKNOWN_SYSTEM_VARIABLE)
            {
                return SemisyncSupport.NOT_INSTALLED;
            }
            throw new CompletionException(cause);
        });
    }
}
