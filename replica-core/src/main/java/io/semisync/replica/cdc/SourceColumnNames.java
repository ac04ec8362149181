package io.semisync.replica.cdc;

import io.semisync.protocol.client.ConnectionConfig;
import io.semisync.protocol.client.MySqlClient;
import io.semisync.protocol.client.MySqlConnection;
import io.semisync.protocol.response.ResultSet;
import io.semisync.protocol.response.Row;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Column names from the source's {@code information_schema.COLUMNS}, asked at the first sight of a table and again
 * after each DDL statement in the feed. They are the table's columns now, not when the event was written: a table
 * altered since its events were stored can get names that do not fit them, and a dropped one gets none (the feed then
 * names its columns by position).
 */
public final class SourceColumnNames implements ColumnNames
{
    private static final long QUERY_TIMEOUT_SECONDS = 30;

    private final MySqlClient client;
    private final MySqlConnection connection;
    private final Map<String, List<SourceColumn>> known = new HashMap<>();

    private SourceColumnNames(final MySqlClient client, final MySqlConnection connection)
    {
        this.client = client;
        this.connection = connection;
    }

    /**
     * Connects to the source.
     *
     * @throws CdcException if the connection or login fails.
     */
    public static SourceColumnNames connect(final ConnectionConfig config)
    {
        final MySqlClient client = MySqlClient.create();
        try
        {
            return new SourceColumnNames(client, await(client.connect(config), "connect to " + config.address()));
        }
        catch (final RuntimeException ex)
        {
            client.close();
            throw ex;
        }
    }

    @Override
    public List<SourceColumn> columnsOf(final String database, final String table)
    {
        return known.computeIfAbsent(database + "." + table, key -> read(database, table));
    }

    private List<SourceColumn> read(final String database, final String table)
    {
        final ResultSet result = await(connection.query("SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE FROM information_schema.COLUMNS "
            + "WHERE TABLE_SCHEMA = " + quote(database) + " AND TABLE_NAME = " + quote(table) + " ORDER BY ORDINAL_POSITION"),
            "read the columns of " + database + "." + table + " from the source's information_schema");
        final List<SourceColumn> columns = new ArrayList<>();
        for (final Row row : result.rows())
        {
            final String type = row.getString(1).toLowerCase(Locale.ROOT);
            columns.add(new SourceColumn(row.getString(0), type.equals("enum") || type.equals("set") ? values(row.getString(2)) : null));
        }
        return List.copyOf(columns);
    }

    /** The quoted values of {@code enum('a','b''c')} or {@code set(...)}, unescaped. */
    static List<String> values(final String columnType)
    {
        final List<String> values = new ArrayList<>();
        final StringBuilder value = new StringBuilder();
        boolean quoted = false;
        for (int i = columnType.indexOf('(') + 1; i < columnType.length(); i++)
        {
            final char c = columnType.charAt(i);
            if (!quoted)
            {
                quoted = c == '\'';
            }
            else if (c == '\'' && i + 1 < columnType.length() && columnType.charAt(i + 1) == '\'')
            {
                value.append('\'');
                i++;
            }
            else if (c == '\'')
            {
                values.add(value.toString());
                value.setLength(0);
                quoted = false;
            }
            else
            {
                value.append(c);
            }
        }
        return values;
    }

    private static String quote(final String text)
    {
        return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    private static <T> T await(final CompletableFuture<T> future, final String what)
    {
        try
        {
            return future.get(QUERY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        catch (final ExecutionException | CompletionException ex)
        {
            throw new CdcException("cannot " + what + ": " + ex.getCause().getMessage()
                + " (check --source-host, --source-port, --user and the password, or leave out --cdc-source-columns)", ex.getCause());
        }
        catch (final TimeoutException ex)
        {
            throw new CdcException("cannot " + what + ": no answer in " + QUERY_TIMEOUT_SECONDS + " s", ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new CdcException("interrupted while trying to " + what, ex);
        }
    }

    @Override
    public void forget()
    {
        known.clear();
    }

    @Override
    public void close()
    {
        connection.close();
        client.close();
    }
}
