package io.semisync.protocol.rows;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.github.luben.zstd.Zstd;
import io.semisync.protocol.ProtocolException;
import io.semisync.protocol.binlog.BinlogEventType;
import io.semisync.protocol.binlog.EventHeaderFlyweight;
import io.semisync.protocol.binlog.compression.MariadbEventUncompressor;
import io.semisync.protocol.binlog.compression.TransactionPayloadEventFlyweight;
import io.semisync.protocol.binlog.compression.TransactionPayloadReader;
import io.semisync.protocol.fuzz.FuzzInvariants;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.zip.Deflater;

/**
 * The row decoders over bytes a source (or anyone between it and us) may send: a TABLE_MAP and a rows event of any
 * bytes, and of a valid layout with fuzzed column types, metadata, bitmaps and values; binary JSON and PARTIAL_JSON
 * diffs; MySQL's TRANSACTION_PAYLOAD and MariaDB's compressed events, decompressed and their rows decoded. Every row
 * and every column is read through each accessor its type has and rendered as JSON both ways. Each either decodes or
 * fails with a {@link ProtocolException}; the decompressors refuse a size over their limit before allocating it.
 */
class RowEventsFuzzTest
{
    /** The decompression limit of these targets: small, so an announced size above it must be refused, not allocated. */
    private static final int MAX_UNCOMPRESSED = 1 << 20;
    private static final int[] ROWS_EVENT_TYPES = {
        BinlogEventType.WRITE_ROWS_V1, BinlogEventType.UPDATE_ROWS_V1, BinlogEventType.DELETE_ROWS_V1,
        BinlogEventType.WRITE_ROWS_V2, BinlogEventType.UPDATE_ROWS_V2, BinlogEventType.DELETE_ROWS_V2,
        BinlogEventType.PARTIAL_UPDATE_ROWS};
    private static final int[] COLUMN_TYPES = {
        ColumnType.DECIMAL, ColumnType.TINY, ColumnType.SHORT, ColumnType.LONG, ColumnType.FLOAT, ColumnType.DOUBLE,
        ColumnType.NULL, ColumnType.TIMESTAMP, ColumnType.LONGLONG, ColumnType.INT24, ColumnType.DATE, ColumnType.TIME,
        ColumnType.DATETIME, ColumnType.YEAR, ColumnType.NEWDATE, ColumnType.VARCHAR, ColumnType.BIT, ColumnType.TIMESTAMP2,
        ColumnType.DATETIME2, ColumnType.TIME2, ColumnType.VECTOR, ColumnType.JSON, ColumnType.NEWDECIMAL, ColumnType.ENUM,
        ColumnType.SET, ColumnType.TINY_BLOB, ColumnType.MEDIUM_BLOB, ColumnType.LONG_BLOB, ColumnType.BLOB,
        ColumnType.VAR_STRING, ColumnType.STRING, ColumnType.GEOMETRY};
    private static final int MARIADB_COMPRESSED_FIRST = MariadbEventUncompressor.QUERY_COMPRESSED;
    private static final int MARIADB_COMPRESSED_LAST = MariadbEventUncompressor.DELETE_ROWS_COMPRESSED_V2;

    private final TableMapEventFlyweight tableMapEvent = new TableMapEventFlyweight();
    private final RowsEventFlyweight rowsEvent = new RowsEventFlyweight();
    private final RowsEventReader reader = new RowsEventReader();
    private final ColumnReadingVisitor visitor = new ColumnReadingVisitor();
    private final JsonBinary jsonBinary = new JsonBinary();
    private final JsonDiff jsonDiff = new JsonDiff(new JsonBinary());
    private final StringBuilder json = new StringBuilder();
    private final AppendableJsonOutput jsonOutput = new AppendableJsonOutput();
    private final TransactionPayloadReader payloadReader = new TransactionPayloadReader(MAX_UNCOMPRESSED);
    private final MariadbEventUncompressor uncompressor = new MariadbEventUncompressor(MAX_UNCOMPRESSED);
    /** The table map the rows events of {@link #compressedEvents} are read with. */
    private TableMap lastTableMap;

    /**
     * Any bytes, laid out as: a flags byte (bit 0 MariaDB, bit 1 the rows event takes the table map's table id, bits
     * 2-4 the rows event type), the TABLE_MAP body's length (u16), that body, then the rows event body.
     */
    @FuzzTest(maxDuration = "5m")
    void anyTableMapAndRowsEventBytes(final byte[] input)
    {
        if (input.length < 3)
        {
            return;
        }
        final int flags = input[0] & 0xFF;
        final int tableMapLength = Math.min((input[1] & 0xFF) | (input[2] & 0xFF) << 8, input.length - 3);
        final byte[] tableMap = new byte[tableMapLength];
        System.arraycopy(input, 3, tableMap, 0, tableMapLength);
        final byte[] rows = new byte[input.length - 3 - tableMapLength];
        System.arraycopy(input, 3 + tableMapLength, rows, 0, rows.length);
        if ((flags & 2) != 0 && tableMap.length >= 6 && rows.length >= 6)
        {
            System.arraycopy(tableMap, 0, rows, 0, 6);
        }
        final SourceFlavor flavor = (flags & 1) != 0 ? SourceFlavor.MARIADB : SourceFlavor.MYSQL;
        decodeBodies(tableMap, ROWS_EVENT_TYPES[(flags >> 2 & 7) % ROWS_EVENT_TYPES.length], rows, flavor);
    }

    /**
     * A TABLE_MAP of a valid layout with fuzzed column types, metadata (mostly in range), nullability and optional
     * metadata, and a rows event of fuzzed type with fuzzed columns-present bitmaps and rows, so that the fuzzer
     * reaches every column decoder.
     */
    @FuzzTest(maxDuration = "5m")
    void validLayoutWithFuzzedColumnsAndRows(final FuzzedDataProvider data)
    {
        final SourceFlavor flavor = data.consumeBoolean() ? SourceFlavor.MARIADB : SourceFlavor.MYSQL;
        final FuzzedTable table = FuzzedTable.of(data);
        decodeBodies(table.tableMapBody(), table.rowsEventType(), table.rowsBody(data.consumeRemainingAsBytes()), flavor);
    }

    /** Binary JSON rendered, a PARTIAL_JSON diff rendered, and the diff applied to the document. */
    @FuzzTest(maxDuration = "5m")
    void jsonBinaryAndPartialJsonDiffs(final FuzzedDataProvider data)
    {
        final byte[] document = data.consumeBytes(data.consumeInt(0, 4096));
        final byte[] diff = data.consumeRemainingAsBytes();
        final UnsafeBuffer documentBuffer = Bytes.at(document);
        final UnsafeBuffer diffBuffer = Bytes.at(diff);
        FuzzInvariants.typedOrValid(() -> jsonBinary.render(documentBuffer, Bytes.OFFSET, document.length, output()));
        FuzzInvariants.typedOrValid(() -> jsonDiff.render(diffBuffer, Bytes.OFFSET, diff.length, output()));
        FuzzInvariants.typedOrValid(() ->
            jsonDiff.apply(documentBuffer, Bytes.OFFSET, document.length, diffBuffer, Bytes.OFFSET, diff.length, output()));
    }

    /**
     * A TRANSACTION_PAYLOAD or a MariaDB compressed event, either of any bytes or made by compressing a valid TABLE_MAP
     * and rows event (fuzzed as above) with fuzzed header fields and announced sizes; the events it holds are decoded.
     */
    @FuzzTest(maxDuration = "5m")
    void compressedEvents(final FuzzedDataProvider data)
    {
        final boolean mariadb = data.consumeBoolean();
        final boolean structured = data.consumeBoolean();
        final int checksumLength = data.consumeBoolean() ? 4 : 0;
        final byte[] event;
        if (structured)
        {
            final FuzzedTable table = FuzzedTable.of(data);
            final byte[] tableMap = event(BinlogEventType.TABLE_MAP, table.tableMapBody(), 0);
            final byte[] rowsBody = table.rowsBody(data.consumeBytes(data.consumeInt(0, 2048)));
            event = mariadb ? mariadbCompressed(data, table.rowsEventType(), rowsBody, checksumLength)
                : transactionPayload(data, concat(tableMap, event(table.rowsEventType(), rowsBody, 0)), checksumLength);
            lastTableMap = null;
            if (mariadb)
            {
                FuzzInvariants.typedOrValid(() ->
                    decodeEvent(Bytes.at(tableMap), Bytes.OFFSET, tableMap.length, 0, SourceFlavor.MARIADB));
            }
        }
        else
        {
            lastTableMap = null;
            final byte[] bytes = data.consumeRemainingAsBytes();
            if (bytes.length < EventHeaderFlyweight.LENGTH)
            {
                return;
            }
            final int type = mariadb ? MARIADB_COMPRESSED_FIRST + (bytes[EventHeaderFlyweight.TYPE_OFFSET] & 0xFF)
                % (MARIADB_COMPRESSED_LAST - MARIADB_COMPRESSED_FIRST + 1) : BinlogEventType.TRANSACTION_PAYLOAD;
            bytes[EventHeaderFlyweight.TYPE_OFFSET] = (byte)type;
            event = bytes;
        }
        final UnsafeBuffer buffer = Bytes.at(event);
        if (mariadb)
        {
            FuzzInvariants.typedOrValid(() ->
            {
                final int length = uncompressor.uncompress(buffer, Bytes.OFFSET, event.length, checksumLength);
                decodeEvent(uncompressor.buffer(), 0, length, checksumLength, SourceFlavor.MARIADB);
            });
        }
        else
        {
            FuzzInvariants.typedOrValid(() ->
            {
                payloadReader.open(buffer, Bytes.OFFSET, event.length, checksumLength);
                while (payloadReader.next())
                {
                    decodeEvent(payloadReader.buffer(), payloadReader.eventOffset(), payloadReader.eventLength(), 0,
                        SourceFlavor.MYSQL);
                }
            });
        }
    }

    private void decodeBodies(final byte[] tableMapBody, final int rowsEventType, final byte[] rowsBody, final SourceFlavor flavor)
    {
        final UnsafeBuffer tableMapBuffer = Bytes.at(tableMapBody);
        final UnsafeBuffer rowsBuffer = Bytes.at(rowsBody);
        FuzzInvariants.typedOrValid(() ->
        {
            final TableMap map = tableMapEvent.wrapBody(tableMapBuffer, Bytes.OFFSET, tableMapBody.length).tableMap(flavor);
            tableMapEvent.matches(map);
            readRows(rowsEvent.wrapBody(rowsEventType, rowsBuffer, Bytes.OFFSET, rowsBody.length), map);
        });
    }

    private void decodeEvent(final DirectBuffer buffer, final int offset, final int length, final int checksumLength,
        final SourceFlavor flavor)
    {
        final int type = buffer.getByte(offset + EventHeaderFlyweight.TYPE_OFFSET) & 0xFF;
        if (type == BinlogEventType.TABLE_MAP)
        {
            lastTableMap = tableMapEvent.wrap(buffer, offset, length, checksumLength).tableMap(flavor);
        }
        else if (RowsEventFlyweight.isRowsEvent(type) && lastTableMap != null)
        {
            readRows(rowsEvent.wrap(buffer, offset, length, checksumLength), lastTableMap);
        }
    }

    private void readRows(final RowsEventFlyweight event, final TableMap map)
    {
        event.isStatementEnd();
        for (int i = 0; i < event.columnCount(); i++)
        {
            event.isPresentBefore(i);
            event.isPresentAfter(i);
        }
        reader.read(event, map, visitor);
    }

    private JsonOutput output()
    {
        json.setLength(0);
        return jsonOutput.wrap(json);
    }

    /** A TRANSACTION_PAYLOAD holding {@code events} zstd-compressed or stored, its size fields true or fuzzed. */
    private static byte[] transactionPayload(final FuzzedDataProvider data, final byte[] events, final int checksumLength)
    {
        final boolean stored = data.consumeBoolean();
        final byte[] payload = stored ? events : Zstd.compress(events, data.consumeInt(1, 3));
        final long uncompressed = data.consumeBoolean() ? events.length : data.consumeLong();
        final long payloadSize = data.consumeBoolean() ? payload.length : data.consumeLong();
        final Bytes header = new Bytes()
            .u8(TransactionPayloadEventFlyweight.FIELD_PAYLOAD_SIZE).packed(9).packed(payloadSize & Long.MAX_VALUE)
            .u8(TransactionPayloadEventFlyweight.FIELD_COMPRESSION_TYPE).packed(1)
            .packed(stored ? TransactionPayloadEventFlyweight.COMPRESSION_NONE : TransactionPayloadEventFlyweight.COMPRESSION_ZSTD);
        if (data.consumeBoolean())
        {
            header.u8(TransactionPayloadEventFlyweight.FIELD_UNCOMPRESSED_SIZE).packed(9).packed(uncompressed & Long.MAX_VALUE);
        }
        header.u8(TransactionPayloadEventFlyweight.FIELD_END).bytes(payload);
        return event(BinlogEventType.TRANSACTION_PAYLOAD, header.toArray(), checksumLength);
    }

    /** A MariaDB compressed rows event: the rows body's prefix as it is, then a zlib record announcing a true or fuzzed size. */
    private static byte[] mariadbCompressed(final FuzzedDataProvider data, final int rowsEventType, final byte[] rowsBody,
        final int checksumLength)
    {
        final int prefixLength = data.consumeInt(0, rowsBody.length);
        final byte[] plain = new byte[rowsBody.length - prefixLength];
        System.arraycopy(rowsBody, prefixLength, plain, 0, plain.length);
        final Deflater deflater = new Deflater(data.consumeInt(0, 9));
        deflater.setInput(plain);
        deflater.finish();
        final byte[] compressed = new byte[plain.length + 64];
        final int compressedLength = deflater.deflate(compressed);
        deflater.end();
        final long announced = data.consumeBoolean() ? plain.length : data.consumeLong() & 0xFFFF_FFFFL;
        final int lengthBytes = data.consumeInt(1, 4);
        final Bytes body = new Bytes();
        for (int i = 0; i < prefixLength; i++)
        {
            body.u8(rowsBody[i] & 0xFF);
        }
        body.u8(0x80 | lengthBytes).bigEndian(announced, lengthBytes);
        for (int i = 0; i < compressedLength; i++)
        {
            body.u8(compressed[i] & 0xFF);
        }
        final boolean v2 = rowsEventType >= BinlogEventType.WRITE_ROWS_V2;
        final int change = switch (rowsEventType)
        {
            case BinlogEventType.WRITE_ROWS_V1, BinlogEventType.WRITE_ROWS_V2 -> 0;
            case BinlogEventType.UPDATE_ROWS_V1, BinlogEventType.UPDATE_ROWS_V2, BinlogEventType.PARTIAL_UPDATE_ROWS -> 1;
            default -> 2;
        };
        final int type = (v2 ? MariadbEventUncompressor.WRITE_ROWS_COMPRESSED_V2 : MariadbEventUncompressor.WRITE_ROWS_COMPRESSED_V1)
            + change;
        return event(type, body.toArray(), checksumLength);
    }

    /** An event: the 19-byte header, the body, and {@code checksumLength} bytes of a (wrong) checksum. */
    private static byte[] event(final int type, final byte[] body, final int checksumLength)
    {
        final int size = EventHeaderFlyweight.LENGTH + body.length + checksumLength;
        return new Bytes().u32(0).u8(type).u32(1).u32(size).u32(0).u16(0).bytes(body).bytes(new byte[checksumLength]).toArray();
    }

    private static byte[] concat(final byte[] first, final byte[] second)
    {
        final byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    /** A table of fuzzed columns, as a TABLE_MAP body, and the layout of a rows event over it. */
    private record FuzzedTable(byte[] tableMapBody, int rowsEventType, int columns, byte[] before, byte[] after, int extra)
    {
        static FuzzedTable of(final FuzzedDataProvider data)
        {
            final int columns = data.consumeInt(1, 12);
            final Bytes types = new Bytes();
            final Bytes metadata = new Bytes();
            for (int i = 0; i < columns; i++)
            {
                final int type = data.pickValue(COLUMN_TYPES);
                types.u8(type == ColumnType.ENUM || type == ColumnType.SET ? ColumnType.STRING : type);
                metadata(data, type, metadata);
            }
            final Bytes body = new Bytes()
                .u48(RowsFixture.TABLE_ID).u16(1)
                .u8(2).utf8("db").u8(0)
                .u8(1).utf8("t").u8(0)
                .packed(columns).bytes(types.toArray())
                .packed(metadata.size()).bytes(metadata.toArray())
                .bytes(data.consumeBytes((columns + 7) / 8));
            final int optionalFields = data.consumeInt(0, 4);
            for (int i = 0; i < optionalFields; i++)
            {
                final byte[] value = data.consumeBytes(data.consumeInt(0, 64));
                body.u8(data.consumeInt(1, 14)).packed(value.length).bytes(value);
            }
            final int bitmapLength = (columns + 7) / 8;
            return new FuzzedTable(body.toArray(), data.pickValue(ROWS_EVENT_TYPES), columns,
                bitmap(data, bitmapLength), bitmap(data, bitmapLength), data.consumeInt(0, 3));
        }

        /** Mostly all present, as {@code binlog_row_image=FULL} gives; else fuzzed. */
        private static byte[] bitmap(final FuzzedDataProvider data, final int length)
        {
            if (data.consumeBoolean())
            {
                final byte[] all = new byte[length];
                java.util.Arrays.fill(all, (byte)0xFF);
                return all;
            }
            final byte[] bits = data.consumeBytes(length);
            return java.util.Arrays.copyOf(bits, length);
        }

        /** The metadata bytes the TABLE_MAP carries for a column of {@code type}, mostly within the type's range. */
        private static void metadata(final FuzzedDataProvider data, final int type, final Bytes out)
        {
            switch (type)
            {
                case ColumnType.FLOAT -> out.u8(data.consumeBoolean() ? 4 : data.consumeInt(0, 255));
                case ColumnType.DOUBLE -> out.u8(data.consumeBoolean() ? 8 : data.consumeInt(0, 255));
                case ColumnType.TINY_BLOB, ColumnType.MEDIUM_BLOB, ColumnType.LONG_BLOB, ColumnType.BLOB, ColumnType.GEOMETRY,
                    ColumnType.JSON, ColumnType.VECTOR -> out.u8(data.consumeInt(1, 4));
                case ColumnType.TIME2, ColumnType.DATETIME2, ColumnType.TIMESTAMP2 -> out.u8(data.consumeInt(0, 6));
                case ColumnType.VARCHAR, ColumnType.VAR_STRING -> out.u16(data.consumeInt(0, 65535));
                case ColumnType.BIT -> out.u8(data.consumeInt(0, 7), data.consumeInt(0, 8));
                case ColumnType.NEWDECIMAL ->
                {
                    final int precision = data.consumeInt(1, 65);
                    out.u8(precision, data.consumeInt(0, Math.min(30, precision)));
                }
                case ColumnType.ENUM -> out.u8(ColumnType.ENUM, data.consumeInt(1, 2));
                case ColumnType.SET -> out.u8(ColumnType.SET, data.consumeInt(1, 8));
                case ColumnType.STRING ->
                {
                    final int length = data.consumeInt(0, 1023);
                    out.u8(ColumnType.STRING ^ ((length >> 4) & 0x30), length & 0xFF);
                }
                default ->
                {
                    // no metadata
                }
            }
        }

        byte[] rowsBody(final byte[] rows)
        {
            final Bytes body = new Bytes().u48(RowsFixture.TABLE_ID).u16(RowsEventFlyweight.STMT_END_F);
            if (rowsEventType >= BinlogEventType.WRITE_ROWS_V2)
            {
                body.u16(2 + extra).bytes(new byte[extra]);
            }
            body.packed(columns).bytes(before);
            if (rowsEventType == BinlogEventType.UPDATE_ROWS_V1 || rowsEventType == BinlogEventType.UPDATE_ROWS_V2
                || rowsEventType == BinlogEventType.PARTIAL_UPDATE_ROWS)
            {
                body.bytes(after);
            }
            return body.bytes(rows).toArray();
        }
    }
}
