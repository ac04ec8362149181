package io.semisync.it.cdc;

import io.semisync.it.cdc.AllTypesTable.Column;
import io.semisync.protocol.binlog.BinlogChecksum;
import io.semisync.protocol.binlog.BinlogEventType;
import io.semisync.protocol.binlog.EventHeaderFlyweight;
import io.semisync.protocol.binlog.FormatDescriptionEventFlyweight;
import io.semisync.protocol.binlog.compression.DecompressionLimit;
import io.semisync.protocol.binlog.compression.MariadbEventUncompressor;
import io.semisync.protocol.binlog.compression.TransactionPayloadReader;
import io.semisync.protocol.rows.ColumnValue;
import io.semisync.protocol.rows.RowChange;
import io.semisync.protocol.rows.RowImage;
import io.semisync.protocol.rows.RowVisitor;
import io.semisync.protocol.rows.RowsEventFlyweight;
import io.semisync.protocol.rows.RowsEventReader;
import io.semisync.protocol.rows.SourceFlavor;
import io.semisync.protocol.rows.TableMap;
import io.semisync.protocol.rows.TableMapEventFlyweight;
import io.semisync.replica.DataDirectory;
import io.semisync.storage.relaylog.RelayLog;
import io.semisync.storage.relaylog.RelayLogConfig;
import io.semisync.storage.relaylog.RelayLogReader;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes the rows of one table from a replica's relay log, as the cdc feed will: each stored event copied
 * out of its record (compressed ones decompressed), TABLE_MAPs decoded into table maps, rows events walked with
 * {@link RowsEventReader}.
 * Every value is also rendered as JSON and parsed back, so a rendering that is not JSON fails here.
 */
final class RelayLogRows
{
    private final List<DecodedChange> changes = new ArrayList<>();
    private final List<TableMap> tableMaps = new ArrayList<>();
    private final List<Column> columns;
    private final Map<Long, TableMap> tables = new HashMap<>();
    private final TableMapEventFlyweight tableMapEvent = new TableMapEventFlyweight();
    private final RowsEventFlyweight rowsEvent = new RowsEventFlyweight();
    private final FormatDescriptionEventFlyweight formatDescription = new FormatDescriptionEventFlyweight();
    private final RowsEventReader reader = new RowsEventReader();
    private final StringBuilder json = new StringBuilder();
    private final TransactionPayloadReader payloads = new TransactionPayloadReader(DecompressionLimit.MAX_BYTES);
    private final MariadbEventUncompressor mariadbEvents = new MariadbEventUncompressor(DecompressionLimit.MAX_BYTES);
    private int compressedEvents;
    private SourceFlavor flavor = SourceFlavor.MYSQL;
    private int partialUpdateEvents;
    private int checksumLength;

    private RelayLogRows(final List<Column> columns)
    {
        this.columns = columns;
    }

    /**
     * The changes to {@code table} ({@code db.table}) in the relay log of {@code dataDir}, in order. The source's FORMAT_DESCRIPTION
     * kept in the data directory comes first: the relay log lacks it for a file stored from its middle (MariaDB 11 starts a
     * GTID dump where the GTID is, sending the file's FORMAT_DESCRIPTION without a position).
     */
    static RelayLogRows read(final Path dataDir, final String table, final List<Column> columns) throws IOException
    {
        final RelayLogRows rows = new RelayLogRows(columns);
        final byte[] sourceFormat = Files.readAllBytes(DataDirectory.formatDescriptionOf(dataDir));
        rows.onEvent(new UnsafeBuffer(sourceFormat), 0, sourceFormat.length, true, table);
        final UnsafeBuffer eventBytes = new UnsafeBuffer(new byte[0]);
        try (RelayLog relayLog = RelayLog.open(new RelayLogConfig().directory(DataDirectory.relayLogOf(dataDir)).readOnly(true).validate());
            RelayLogReader relayLogReader = relayLog.openReader())
        {
            int polled;
            do
            {
                polled = relayLogReader.poll(record ->
                {
                    final byte[] bytes = new byte[record.eventLength()];
                    eventBytes.wrap(bytes);
                    record.copyEvent(eventBytes, 0);
                    rows.onEvent(eventBytes, 0, bytes.length, true, table);
                }, 64);
            }
            while (polled > 0);
        }
        return rows;
    }

    List<DecodedChange> changes()
    {
        return changes;
    }

    /** How many PARTIAL_UPDATE_ROWS events of the table there were. */
    int partialUpdateEvents()
    {
        return partialUpdateEvents;
    }

    /** How many compressed events (MySQL's TRANSACTION_PAYLOAD, MariaDB's compressed events) there were. */
    int compressedEvents()
    {
        return compressedEvents;
    }

    /** Every TABLE_MAP of the table, in order. */
    List<TableMap> tableMaps()
    {
        return tableMaps;
    }

    /** An event as stored, or one from inside a compressed one ({@code outer} false: no checksum of its own). */
    private void onEvent(final DirectBuffer event, final int offset, final int length, final boolean outer, final String table)
    {
        final int type = event.getByte(offset + EventHeaderFlyweight.TYPE_OFFSET) & 0xFF;
        final int checksumBytes = outer ? checksumLength : 0;
        if (type == BinlogEventType.FORMAT_DESCRIPTION)
        {
            formatDescription.wrap(event, offset, length);
            checksumLength = formatDescription.checksumAlgorithm() == BinlogChecksum.ALGORITHM_CRC32 ? BinlogChecksum.LENGTH : 0;
            flavor = SourceFlavor.of(formatDescription.serverVersion());
        }
        else if (type == BinlogEventType.TRANSACTION_PAYLOAD && outer)
        {
            compressedEvents++;
            payloads.open(event, offset, length, checksumBytes);
            while (payloads.next())
            {
                onEvent(payloads.buffer(), payloads.eventOffset(), payloads.eventLength(), false, table);
            }
        }
        else if (MariadbEventUncompressor.isCompressed(type))
        {
            compressedEvents++;
            final int plainLength = mariadbEvents.uncompress(event, offset, length, checksumBytes);
            onEvent(mariadbEvents.buffer(), 0, plainLength, outer, table);
        }
        else if (type == BinlogEventType.TABLE_MAP)
        {
            final TableMap map = tableMapEvent.wrap(event, offset, length, checksumBytes).tableMap(flavor);
            tables.put(map.tableId(), map);
            if ((map.database() + "." + map.table()).equals(table))
            {
                tableMaps.add(map);
            }
        }
        else if (RowsEventFlyweight.isRowsEvent(type))
        {
            rowsEvent.wrap(event, offset, length, checksumBytes);
            final TableMap map = tables.get(rowsEvent.tableId());
            if ((map.database() + "." + map.table()).equals(table))
            {
                reader.read(rowsEvent, map, new Collector());
                partialUpdateEvents += rowsEvent.isPartialUpdate() ? 1 : 0;
            }
        }
    }

    /** Turns each row into a {@link DecodedChange}. */
    private final class Collector implements RowVisitor
    {
        private RowChange change;
        private Map<Integer, Object> before;
        private Map<Integer, Object> after;
        private Map<Integer, Object> current;

        @Override
        public void beginRow(final RowChange change)
        {
            this.change = change;
            before = null;
            after = null;
        }

        @Override
        public void beginImage(final RowImage image)
        {
            current = new LinkedHashMap<>();
            if (image == RowImage.BEFORE)
            {
                before = current;
            }
            else
            {
                after = current;
            }
        }

        @Override
        public void column(final ColumnValue value)
        {
            final Column column = columns.get(value.column());
            current.put(value.column(), column.comparison().decoded(value, column.enumValues()));
            json.setLength(0);
            json.append('[');
            value.appendJson(json);
            json.append(']');
            JsonTrees.canonical(json.toString());
        }

        @Override
        public void endRow()
        {
            changes.add(new DecodedChange(change, before, after));
        }
    }
}
