package io.semisync.replica.cdc;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes the feed's JSON lines, one object per line, in Debezium's envelope shape where it fits:
 * <pre>
 * {"position":"INDEX:CHANGE","op":"c|u|d","before":{...}|null,"after":{...}|null,
 *  "source":{"flavor":"mysql|mariadb","server_id":N,"file":"binlog.000001","pos":N,"gtid":"..."|null,"ts_ms":N,
 *            "db":"...","table":"...","row":N[,"query":"the statement"]},
 *  "transaction":{"id":"GTID"|null,"total_order":N,"data_collection_order":N}}
 * {"position":"INDEX:CHANGE","ddl":"CREATE TABLE ...","source":{... "db":"schema of the statement","table":null},
 *  "transaction":{...}}
 * </pre>
 * {@code query} is the statement that caused the row, when the source logs it ({@code binlog_rows_query_log_events} on
 * MySQL, {@code binlog_annotate_row_events} on MariaDB), as Debezium's {@code source.query}. {@code position} comes first, so a reader of the last line finds it without parsing the rest. One generator over one
 * reused buffer; not thread-safe.
 */
final class ChangeLines
{
    private final LineBuffer line = new LineBuffer();
    private final JsonGenerator json;

    ChangeLines()
    {
        try
        {
            json = new JsonFactory().createGenerator(line).setRootValueSeparator(null);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** The generator, for the row images between {@link #startRow} and {@link #endRow}. */
    JsonGenerator json()
    {
        return json;
    }

    /** Starts a row line: position and op; the caller writes {@code before} and {@code after}. */
    void startRow(final long transactionIndex, final long change, final char op) throws IOException
    {
        line.reset();
        json.writeStartObject();
        json.writeStringField(FileChangeOutput.POSITION_FIELD, transactionIndex + ":" + change);
        json.writeStringField("op", String.valueOf(op));
    }

    /** Ends a row line with its source and transaction blocks. */
    void endRow(final EventSource source, final TransactionContext transaction, final String database, final String table,
        final int row, final long dataCollectionOrder) throws IOException
    {
        writeSource(source, transaction, database, table);
        json.writeNumberField("row", row);
        if (source.query != null)
        {
            json.writeStringField("query", source.query);
        }
        json.writeEndObject();
        writeTransaction(transaction, dataCollectionOrder);
        json.writeEndObject();
        json.flush();
    }

    /** A whole DDL line. */
    void ddl(final long transactionIndex, final long change, final String statement, final EventSource source,
        final TransactionContext transaction, final String database, final long dataCollectionOrder) throws IOException
    {
        line.reset();
        json.writeStartObject();
        json.writeStringField(FileChangeOutput.POSITION_FIELD, transactionIndex + ":" + change);
        json.writeStringField("ddl", statement);
        writeSource(source, transaction, database, null);
        json.writeEndObject();
        writeTransaction(transaction, dataCollectionOrder);
        json.writeEndObject();
        json.flush();
    }

    private void writeSource(final EventSource source, final TransactionContext transaction, final String database,
        final String table) throws IOException
    {
        json.writeObjectFieldStart("source");
        json.writeStringField("flavor", source.flavor);
        json.writeNumberField("server_id", source.serverId);
        json.writeStringField("file", source.file);
        json.writeNumberField("pos", source.position);
        json.writeStringField("gtid", transaction.gtid());
        json.writeNumberField("ts_ms", source.timestampSeconds * 1000);
        json.writeStringField("db", database);
        json.writeStringField("table", table);
    }

    private void writeTransaction(final TransactionContext transaction, final long dataCollectionOrder) throws IOException
    {
        json.writeObjectFieldStart("transaction");
        json.writeStringField("id", transaction.gtid());
        json.writeNumberField("total_order", transaction.changes());
        json.writeNumberField("data_collection_order", dataCollectionOrder);
        json.writeEndObject();
    }

    byte[] bytes()
    {
        return line.bytes();
    }

    int length()
    {
        return line.length();
    }
}
