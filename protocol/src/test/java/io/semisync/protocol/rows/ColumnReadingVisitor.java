package io.semisync.protocol.rows;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.DateTimeException;

/**
 * Reads every column a {@link RowsEventReader} hands it through each accessor its type has, and renders it as JSON
 * both ways (Appendable and Jackson), as a consumer would: for the fuzz targets, where any failure but a
 * {@link RowDecodeException} is a finding.
 */
final class ColumnReadingVisitor implements RowVisitor
{
    private final StringBuilder text = new StringBuilder();
    private final StringWriter writer = new StringWriter();
    private final JsonGenerator generator;

    ColumnReadingVisitor()
    {
        try
        {
            generator = new JsonFactory().createGenerator(writer);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void column(final ColumnValue value)
    {
        value.name();
        value.isJsonDiff();
        value.hasJsonDiffBase();
        text.setLength(0);
        value.appendJson(text);
        writer.getBuffer().setLength(0);
        value.writeJson(generator);
        if (!value.isNull())
        {
            typed(value);
        }
    }

    private static void typed(final ColumnValue value)
    {
        switch (value.type())
        {
            case ColumnType.TINY, ColumnType.SHORT, ColumnType.INT24, ColumnType.LONG, ColumnType.LONGLONG, ColumnType.YEAR ->
            {
                value.asLong();
                value.asBigDecimal();
                value.asString();
            }
            case ColumnType.BIT, ColumnType.ENUM, ColumnType.SET ->
            {
                value.asLong();
                value.asString();
            }
            case ColumnType.FLOAT, ColumnType.DOUBLE ->
            {
                value.asDouble();
                value.asString();
            }
            case ColumnType.NEWDECIMAL ->
            {
                value.asBigDecimal();
                value.asString();
                if (value.table().columnMetadata(value.column()) >> 8 <= 18)
                {
                    value.asUnscaledLong();
                }
            }
            case ColumnType.DATE, ColumnType.NEWDATE, ColumnType.DATETIME, ColumnType.DATETIME2 -> temporal(value, false);
            case ColumnType.TIMESTAMP, ColumnType.TIMESTAMP2 ->
            {
                temporal(value, false);
                value.epochSecond();
                value.asInstant();
            }
            case ColumnType.TIME, ColumnType.TIME2 ->
            {
                temporal(value, true);
                value.asDuration();
            }
            case ColumnType.STRING, ColumnType.VARCHAR, ColumnType.VAR_STRING, ColumnType.BLOB, ColumnType.TINY_BLOB,
                ColumnType.MEDIUM_BLOB, ColumnType.LONG_BLOB ->
            {
                value.asBytes();
                if (value.charset() != null)
                {
                    value.asString();
                }
            }
            case ColumnType.JSON -> value.asString();
            case ColumnType.GEOMETRY ->
            {
                value.srid();
                value.wkbOffset();
                value.wkbLength();
            }
            case ColumnType.VECTOR ->
            {
                for (int i = 0; i < value.vectorLength(); i++)
                {
                    value.vectorElement(i);
                }
            }
            default -> value.asBytes();
        }
    }

    private static void temporal(final ColumnValue value, final boolean time)
    {
        value.asString();
        value.year();
        value.month();
        value.day();
        value.hour();
        value.minute();
        value.second();
        value.microsecond();
        value.isNegative();
        if (time)
        {
            return;
        }
        try
        {
            value.asLocalDateTime();
        }
        catch (final DateTimeException documented)
        {
            // a zero date, or fields java.time cannot hold: the accessor's documented failure; JSON renders them
        }
    }
}
