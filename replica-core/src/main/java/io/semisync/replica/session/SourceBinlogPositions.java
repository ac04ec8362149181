package io.semisync.replica.session;

import io.semisync.protocol.ServerErrorException;
import io.semisync.protocol.client.MySqlConnection;
import io.semisync.protocol.response.ResultSet;
import io.semisync.protocol.response.Row;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Where a replica of a source without GTIDs starts when its relay log is empty: the source's current binlog
 * position ({@code SHOW BINARY LOG STATUS}, or {@code SHOW MASTER STATUS} before MySQL 8.2), or the start of the
 * oldest binlog it still has ({@code SHOW BINARY LOGS}).
 */
public final class SourceBinlogPositions
{
    /** ER_PARSE_ERROR: a MySQL before 8.2 does not know SHOW BINARY LOG STATUS. */
    private static final int PARSE_ERROR = 1064;

    private SourceBinlogPositions()
    {
    }

    /** The position after the last event the source has written. */
    public static CompletableFuture<BinlogPosition> current(final MySqlConnection connection)
    {
        return connection.query("SHOW BINARY LOG STATUS")
            .handle((result, failure) -> failure == null ? CompletableFuture.completedFuture(result)
                : isParseError(failure) ? connection.query("SHOW MASTER STATUS") : CompletableFuture.<ResultSet>failedFuture(failure))
            .thenCompose(future -> future)
            .thenApply(result ->
            {
                final Row row = firstRow(result, "SHOW BINARY LOG STATUS");
                return new BinlogPosition(row.getString(0), Long.parseLong(row.getString(1)));
            });
    }

    /** The first event of the oldest binlog the source has. */
    public static CompletableFuture<BinlogPosition> oldest(final MySqlConnection connection)
    {
        return connection.query("SHOW BINARY LOGS").thenApply(result ->
            new BinlogPosition(firstRow(result, "SHOW BINARY LOGS").getString(0), BinlogPosition.FIRST_EVENT));
    }

    private static Row firstRow(final ResultSet result, final String statement)
    {
        if (result.rows().isEmpty())
        {
            throw new FatalReplicationException(statement + " returned no row: binary logging is off on the source; set log_bin");
        }
        return result.rows().get(0);
    }

    private static boolean isParseError(final Throwable failure)
    {
        final Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause instanceof ServerErrorException error && error.errorCode() == PARSE_ERROR;
    }
}
