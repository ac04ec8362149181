package io.semisync.replica.cdc;

import com.fasterxml.jackson.core.JsonGenerator;
import io.semisync.protocol.rows.ColumnValue;
import io.semisync.protocol.rows.RowChange;
import io.semisync.protocol.rows.RowImage;
import io.semisync.protocol.rows.RowVisitor;
import io.semisync.protocol.rows.RowsEventFlyweight;
import io.semisync.protocol.rows.RowsEventReader;
import io.semisync.protocol.rows.SourceFlavor;
import io.semisync.protocol.rows.TableMap;
import io.semisync.protocol.rows.TableMapEventFlyweight;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The row side of the feed: keeps the {@link TableMap} of each table id (decoded once, reused while a TABLE_MAP event
 * repeats the same bytes), names columns that the binlog leaves unnamed ({@code binlog_row_metadata=MINIMAL}) from
 * {@link ColumnNames} or by position ({@code col_1}, ...), and writes one line per row of each rows event, each column
 * rendered by the row decoder into the line's generator. Single-threaded.
 */
final class RowChanges implements RowVisitor
{
    private static final Logger LOG = LoggerFactory.getLogger(RowChanges.class);

    private final ChangeLines lines;
    private final ColumnNames columnNames;
    private final Long2ObjectHashMap<TableMap> tables = new Long2ObjectHashMap<>();
    private final TableMapEventFlyweight tableMapEvent = new TableMapEventFlyweight();
    private final RowsEventFlyweight rowsEvent = new RowsEventFlyweight();
    private final RowsEventReader reader = new RowsEventReader();
    private SourceFlavor flavor = SourceFlavor.MYSQL;
    private EventSource source;
    private TransactionContext transaction;
    private ChangePosition resumeAfter;
    private ChangeOutput output;
    private TableMap table;
    private boolean tableIncluded;
    private boolean emitting;
    private RowChange change;
    private long ordinal;
    private long dataCollectionOrder;
    private int row;
    private long written;

    RowChanges(final ChangeLines lines, final ColumnNames columnNames)
    {
        this.lines = lines;
        this.columnNames = columnNames;
    }

    static boolean isRowsEvent(final int type)
    {
        return RowsEventFlyweight.isRowsEvent(type);
    }

    /** The flavor whose TABLE_MAP layout the next events have. */
    void flavor(final SourceFlavor flavor)
    {
        this.flavor = flavor;
    }

    void onTableMap(final DirectBuffer buffer, final int offset, final int length, final int checksumLength)
    {
        tableMapEvent.wrap(buffer, offset, length, checksumLength);
        final long tableId = tableMapEvent.tableId();
        final TableMap known = tables.get(tableId);
        if (known == null || !tableMapEvent.matches(known))
        {
            final TableMap map = tableMapEvent.tableMap(flavor);
            tables.put(tableId, map.hasColumnNames() ? map : named(map));
        }
    }

    private TableMap named(final TableMap map)
    {
        final int count = map.columnCount();
        final List<ColumnNames.SourceColumn> fromSource = columnNames == null ? List.of() : columnNames.columnsOf(map.database(), map.table());
        final List<String> names = new ArrayList<>(count);
        final List<List<String>> values = new ArrayList<>(Collections.nCopies(count, (List<String>)null));
        if (fromSource.size() == count)
        {
            for (int i = 0; i < count; i++)
            {
                names.add(fromSource.get(i).name());
                values.set(i, fromSource.get(i).values());
            }
            return map.withColumns(names, values);
        }
        if (columnNames != null)
        {
            LOG.warn("the source's information_schema gives {} columns for {}.{}, its TABLE_MAP {} (the table changed since, or is gone): "
                + "its columns are named by position", fromSource.size(), map.database(), map.table(), count);
        }
        for (int i = 1; i <= count; i++)
        {
            names.add("col_" + i);
        }
        return map.withColumns(names, values);
    }

    /**
     * Writes the lines of a rows event: those of an included table after the resume position.
     *
     * @return lines written.
     * @throws CdcException if no TABLE_MAP announced the event's table id.
     */
    long onRows(final DirectBuffer buffer, final int offset, final int length, final int checksumLength, final EventSource eventSource,
        final TransactionContext context, final TableFilter filter, final ChangePosition after, final ChangeOutput destination)
    {
        rowsEvent.wrap(buffer, offset, length, checksumLength);
        table = tables.get(rowsEvent.tableId());
        if (table == null)
        {
            throw new CdcException("the " + eventSource.describe() + " changes rows of table id " + rowsEvent.tableId()
                + ", which no TABLE_MAP event before it in its transaction announced: the relay log is damaged there");
        }
        source = eventSource;
        transaction = context;
        resumeAfter = after;
        output = destination;
        tableIncluded = filter.includesTable(table.database(), table.table());
        row = 0;
        written = 0;
        reader.read(rowsEvent, table, this);
        return written;
    }

    /** Forgets every table map, so the next TABLE_MAP of each table is decoded (and named) again: after a DDL statement. */
    void forgetTables()
    {
        tables.clear();
    }

    @Override
    public void beginRow(final RowChange rowChange)
    {
        change = rowChange;
        ordinal = transaction.nextChange();
        dataCollectionOrder = transaction.nextChangeOf(table.tableId());
        emitting = tableIncluded && resumeAfter.isBefore(transaction.index(), ordinal);
        if (emitting)
        {
            try
            {
                lines.startRow(transaction.index(), ordinal, change.op());
                if (change == RowChange.INSERT)
                {
                    lines.json().writeNullField("before");
                }
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }
    }

    @Override
    public void beginImage(final RowImage image)
    {
        if (emitting)
        {
            try
            {
                lines.json().writeObjectFieldStart(image == RowImage.BEFORE ? "before" : "after");
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }
    }

    @Override
    public void column(final ColumnValue value)
    {
        if (emitting)
        {
            final JsonGenerator json = lines.json();
            try
            {
                final String name = value.name();
                json.writeFieldName(name != null ? name : "col_" + (value.column() + 1));
                value.writeJson(json);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }
    }

    @Override
    public void endImage(final RowImage image)
    {
        if (emitting)
        {
            try
            {
                lines.json().writeEndObject();
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }
    }

    @Override
    public void endRow()
    {
        if (emitting)
        {
            try
            {
                if (change == RowChange.DELETE)
                {
                    lines.json().writeNullField("after");
                }
                lines.endRow(source, transaction, table.database(), table.table(), row, dataCollectionOrder);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
            output.writeRow(lines.bytes(), lines.length(), table);
            written++;
        }
        row++;
    }
}
