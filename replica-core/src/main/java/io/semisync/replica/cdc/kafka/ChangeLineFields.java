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
 * Debezium keys its records. An update that changes the key splits into a delete of the old key and a create of the new
 * one ({@link #asDelete}, {@link #asCreate}), as Debezium splits it. Reused line after line; not thread-safe.
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
    private int opStart;
    private int opEnd;
    private int beforeStart;
    private int beforeEnd;
    private int afterStart;
    private int afterEnd;

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
        opStart = -1;
        beforeStart = -1;
        afterStart = -1;
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
                    case "op" ->
                    {
                        opStart = (int)parser.currentTokenLocation().getByteOffset();
                        parser.finishToken();
                        opEnd = (int)parser.currentLocation().getByteOffset();
                    }
                    case "before" ->
                    {
                        beforeStart = (int)parser.currentTokenLocation().getByteOffset();
                        image(parser, value, beforeTokens, beforeTexts);
                        beforeEnd = (int)parser.currentLocation().getByteOffset();
                    }
                    case "after" ->
                    {
                        afterStart = (int)parser.currentTokenLocation().getByteOffset();
                        image(parser, value, afterTokens, afterTexts);
                        afterEnd = (int)parser.currentLocation().getByteOffset();
                    }
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
     * The record key: {@code {"pk1":v1,...}}, each column from the after image where it holds it, else from the before
     * image; null when the table has no primary key (or the binlog does not say which, {@code binlog_row_metadata=MINIMAL})
     * or the images lack a key column.
     */
    byte[] key()
    {
        if (keyColumns.length == 0)
        {
            return null;
        }
        for (int i = 0; i < keyColumns.length; i++)
        {
            if (afterTokens[i] == null && beforeTokens[i] == null)
            {
                return null;
            }
        }
        return writeKey(true);
    }

    /** Whether the line is an update that changes the primary key: its after image holds a key column with another value. */
    boolean keyChanged()
    {
        if (keyColumns.length == 0 || !complete(beforeTokens))
        {
            return false;
        }
        for (int i = 0; i < keyColumns.length; i++)
        {
            if (afterTokens[i] != null && (afterTokens[i] != beforeTokens[i] || !afterTexts[i].equals(beforeTexts[i])))
            {
                return true;
            }
        }
        return false;
    }

    /** The key before a {@link #keyChanged() key change}, from the before image. */
    byte[] oldKey()
    {
        return writeKey(false);
    }

    /** The line of a {@link #keyChanged() key-changing} update as the delete of its old row: {@code op} "d", {@code after} null. */
    byte[] asDelete(final byte[] line, final int length)
    {
        return splice(line, length, "\"d\"", afterStart, afterEnd);
    }

    /** The line of a {@link #keyChanged() key-changing} update as the create of its new row: {@code op} "c", {@code before} null. */
    byte[] asCreate(final byte[] line, final int length)
    {
        return splice(line, length, "\"c\"", beforeStart, beforeEnd);
    }

    /** The line with the op's value replaced by {@code op} and the value from {@code imageStart} to {@code imageEnd} by null. */
    private byte[] splice(final byte[] line, final int length, final String op, final int imageStart, final int imageEnd)
    {
        if (opStart < 0 || imageStart < 0)
        {
            throw new CdcException("the change line '" + new String(line, 0, Math.min(length, 200), StandardCharsets.UTF_8)
                + "' has no op, before or after field: it did not come from the change feed");
        }
        final ByteArrayOutputStream out = new ByteArrayOutputStream(length);
        final boolean opFirst = opStart < imageStart;
        final int firstStart = opFirst ? opStart : imageStart;
        final int firstEnd = opFirst ? opEnd : imageEnd;
        final int secondStart = opFirst ? imageStart : opStart;
        final int secondEnd = opFirst ? imageEnd : opEnd;
        final byte[] nullValue = "null".getBytes(StandardCharsets.US_ASCII);
        final byte[] opValue = op.getBytes(StandardCharsets.US_ASCII);
        out.write(line, 0, firstStart);
        out.writeBytes(opFirst ? opValue : nullValue);
        out.write(line, firstEnd, secondStart - firstEnd);
        out.writeBytes(opFirst ? nullValue : opValue);
        out.write(line, secondEnd, length - secondEnd);
        return out.toByteArray();
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

    /** The key from the before image, or with {@code after} from the after image where it holds a column. */
    private byte[] writeKey(final boolean after)
    {
        keyBytes.reset();
        try (JsonGenerator json = JSON.createGenerator(keyBytes))
        {
            json.writeStartObject();
            for (int i = 0; i < keyColumns.length; i++)
            {
                final boolean fromAfter = after && afterTokens[i] != null;
                final JsonToken token = fromAfter ? afterTokens[i] : beforeTokens[i];
                final String text = fromAfter ? afterTexts[i] : beforeTexts[i];
                json.writeFieldName(keyColumns[i]);
                switch (token)
                {
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> json.writeNumber(text);
                    case VALUE_TRUE, VALUE_FALSE -> json.writeBoolean(token == JsonToken.VALUE_TRUE);
                    case VALUE_NULL -> json.writeNull();
                    default -> json.writeString(text);
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
