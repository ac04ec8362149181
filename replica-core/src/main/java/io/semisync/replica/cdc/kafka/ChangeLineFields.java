package io.semisync.replica.cdc.kafka;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.semisync.replica.cdc.CdcException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads what the Kafka sink needs from one change line, in one streaming pass: its {@code position}, its
 * {@code source.db} and {@code source.ts_ms}, and the values of the primary key's columns in its {@code after} image (inserts, updates) or,
 * failing that, its {@code before} image (deletes, and updates whose after image leaves the key out under
 * {@code binlog_row_image=MINIMAL}); then writes the record key, a JSON object of those columns in key order, as
 * Debezium keys its records. Reused line after line; not thread-safe.
 */
final class ChangeLineFields
{
    private static final JsonFactory JSON = new JsonFactory();

    private final ByteArrayOutputStream keyBytes = new ByteArrayOutputStream(64);
    private String[] keyColumns = new String[0];
    private JsonToken[] beforeTokens = new JsonToken[0];
    private String[] beforeTexts = new String[0];
    private JsonToken[] afterTokens = new JsonToken[0];
    private String[] afterTexts = new String[0];
    private String position;
    private String database;
    private long sourceMillis;

    /**
     * Reads a line.
     *
     * @param keyColumns the primary key's column names in key order; empty for a DDL line or a table without one.
     * @throws CdcException if the line is not a change line.
     */
    void read(final byte[] line, final int length, final String[] keyColumns)
    {
        if (this.keyColumns.length != keyColumns.length)
        {
            beforeTokens = new JsonToken[keyColumns.length];
            beforeTexts = new String[keyColumns.length];
            afterTokens = new JsonToken[keyColumns.length];
            afterTexts = new String[keyColumns.length];
        }
        this.keyColumns = keyColumns;
        Arrays.fill(beforeTokens, null);
        Arrays.fill(afterTokens, null);
        position = null;
        database = null;
        sourceMillis = 0;
        try (JsonParser parser = JSON.createParser(line, 0, length))
        {
            expect(parser.nextToken() == JsonToken.START_OBJECT, line, length);
            while (parser.nextToken() == JsonToken.FIELD_NAME)
            {
                final String field = parser.currentName();
                final JsonToken value = parser.nextToken();
                switch (field)
                {
                    case "position" -> position = parser.getText();
                    case "before" -> image(parser, value, beforeTokens, beforeTexts);
                    case "after" -> image(parser, value, afterTokens, afterTexts);
                    case "source" -> source(parser, value);
                    default -> parser.skipChildren();
                }
            }
        }
        catch (final IOException ex)
        {
            throw new CdcException("the change line '" + new String(line, 0, Math.min(length, 200), StandardCharsets.UTF_8)
                + "' is not JSON: " + ex.getMessage(), ex);
        }
        expect(position != null, line, length);
    }

    private void image(final JsonParser parser, final JsonToken start, final JsonToken[] tokens, final String[] texts) throws IOException
    {
        if (start != JsonToken.START_OBJECT)
        {
            return;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME)
        {
            final String column = parser.currentName();
            final JsonToken value = parser.nextToken();
            final int at = indexOf(column);
            if (at >= 0 && value.isScalarValue())
            {
                tokens[at] = value;
                texts[at] = parser.getText();
            }
            else
            {
                parser.skipChildren();
            }
        }
    }

    private void source(final JsonParser parser, final JsonToken start) throws IOException
    {
        if (start != JsonToken.START_OBJECT)
        {
            return;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME)
        {
            final String field = parser.currentName();
            parser.nextToken();
            if ("db".equals(field))
            {
                database = parser.getText();
            }
            else if ("ts_ms".equals(field))
            {
                sourceMillis = parser.getValueAsLong();
            }
            else
            {
                parser.skipChildren();
            }
        }
    }

    private int indexOf(final String column)
    {
        for (int i = 0; i < keyColumns.length; i++)
        {
            if (keyColumns[i].equals(column))
            {
                return i;
            }
        }
        return -1;
    }

    private static void expect(final boolean condition, final byte[] line, final int length)
    {
        if (!condition)
        {
            throw new CdcException("the change line '" + new String(line, 0, Math.min(length, 200), StandardCharsets.UTF_8)
                + "' has no position field: it did not come from the change feed");
        }
    }

    /** The line's {@code position}. */
    String position()
    {
        return position;
    }

    /** The line's {@code source.ts_ms}, 0 if it has none. */
    long sourceMillis()
    {
        return sourceMillis;
    }

    /** The line's {@code source.db}, null if it has none. */
    String database()
    {
        return database;
    }

    /**
     * The record key: {@code {"pk1":v1,...}} from the after image if it holds every key column, else from the before
     * image; null when the table has no primary key (or the binlog does not say which, {@code binlog_row_metadata=MINIMAL}).
     */
    byte[] key()
    {
        if (keyColumns.length == 0)
        {
            return null;
        }
        if (complete(afterTokens))
        {
            return writeKey(afterTokens, afterTexts);
        }
        return complete(beforeTokens) ? writeKey(beforeTokens, beforeTexts) : null;
    }

    /** The key of a DDL line, as Debezium keys its schema changes: {@code {"databaseName":"<source.db>"}}. */
    byte[] databaseKey()
    {
        keyBytes.reset();
        try (JsonGenerator json = JSON.createGenerator(keyBytes))
        {
            json.writeStartObject();
            json.writeStringField("databaseName", database);
            json.writeEndObject();
        }
        catch (final IOException ex)
        {
            throw new CdcException("cannot write a record key: " + ex.getMessage(), ex);
        }
        return keyBytes.toByteArray();
    }

    private static boolean complete(final JsonToken[] tokens)
    {
        for (final JsonToken token : tokens)
        {
            if (token == null)
            {
                return false;
            }
        }
        return true;
    }

    private byte[] writeKey(final JsonToken[] tokens, final String[] texts)
    {
        keyBytes.reset();
        try (JsonGenerator json = JSON.createGenerator(keyBytes))
        {
            json.writeStartObject();
            for (int i = 0; i < keyColumns.length; i++)
            {
                json.writeFieldName(keyColumns[i]);
                switch (tokens[i])
                {
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> json.writeNumber(texts[i]);
                    case VALUE_TRUE, VALUE_FALSE -> json.writeBoolean(tokens[i] == JsonToken.VALUE_TRUE);
                    case VALUE_NULL -> json.writeNull();
                    default -> json.writeString(texts[i]);
                }
            }
            json.writeEndObject();
        }
        catch (final IOException ex)
        {
            throw new CdcException("cannot write a record key: " + ex.getMessage(), ex);
        }
        return keyBytes.toByteArray();
    }
}
