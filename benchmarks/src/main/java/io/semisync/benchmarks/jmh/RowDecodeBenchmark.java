package io.semisync.benchmarks.jmh;

import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import io.semisync.protocol.binlog.BinlogChecksum;
import io.semisync.protocol.binlog.BinlogEventType;
import io.semisync.protocol.binlog.EventHeaderFlyweight;
import io.semisync.protocol.binlog.FormatDescriptionEventFlyweight;
import io.semisync.protocol.rows.ColumnType;
import io.semisync.protocol.rows.ColumnValue;
import io.semisync.protocol.rows.RowImage;
import io.semisync.protocol.rows.RowVisitor;
import io.semisync.protocol.rows.RowsEventFlyweight;
import io.semisync.protocol.rows.RowsEventReader;
import io.semisync.protocol.rows.SourceFlavor;
import io.semisync.protocol.rows.TableMap;
import io.semisync.protocol.rows.TableMapEventFlyweight;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Decoding the same captured binlog bytes of a real MySQL 9.7 ({@link CapturedRows}: a mixed-type table, one
 * million inserted rows) into column values, with our decoder and with mysql-binlog-connector-java, the one
 * Debezium and Maxwell use (its {@code EventDeserializer} over a {@code ByteArrayInputStream}, configured with
 * Debezium's compatibility modes). Score: rows per second; {@code -prof gc} gives bytes allocated per row.
 * <ul>
 * <li>{@code ours}: every value decoded to what a consumer reads: integers, doubles, DECIMAL (unscaled and
 * scale), TIMESTAMP (epoch microseconds), DATE and DATETIME fields as primitives, text as a view of the event's
 * bytes; no object per row or column
 * (the connector, in Debezium's modes, gives text as a byte[] copy, DECIMAL as BigDecimal, times as longs);</li>
 * <li>{@code oursJson}: every row rendered as one JSON object into a reused builder, as the cdc feed does;</li>
 * <li>{@code connector}: its deserializer's {@code Serializable[]} per row (an object per value).</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class RowDecodeBenchmark
{
    private static final int MAGIC_LENGTH = 4;

    private byte[] binlog;
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[0]);
    private final FormatDescriptionEventFlyweight formatDescription = new FormatDescriptionEventFlyweight();
    private final TableMapEventFlyweight tableMapEvent = new TableMapEventFlyweight();
    private final RowsEventFlyweight rowsEvent = new RowsEventFlyweight();
    private final RowsEventReader reader = new RowsEventReader();
    private final TypedValues typed = new TypedValues();
    private final JsonRows json = new JsonRows();
    private TableMap tableMap;

    @Setup
    public void setUp()
    {
        binlog = CapturedRows.load();
        buffer.wrap(binlog);
        final long ours = decode(typed);
        final long theirs = connector(null);
        if (ours != CapturedRows.ROWS || theirs != CapturedRows.ROWS)
        {
            throw new IllegalStateException(CapturedRows.FILE + " decodes to " + ours + " rows with ours and " + theirs
                + " with mysql-binlog-connector-java, not " + CapturedRows.ROWS + ": delete it to capture it again");
        }
    }

    @Benchmark
    @OperationsPerInvocation(CapturedRows.ROWS)
    public long ours(final Blackhole blackhole)
    {
        final long rows = decode(typed);
        blackhole.consume(typed.sum);
        return rows;
    }

    @Benchmark
    @OperationsPerInvocation(CapturedRows.ROWS)
    public long oursJson(final Blackhole blackhole)
    {
        final long rows = decode(json);
        blackhole.consume(json.length);
        return rows;
    }

    @Benchmark
    @OperationsPerInvocation(CapturedRows.ROWS)
    public long connector(final Blackhole blackhole)
    {
        final EventDeserializer deserializer = new EventDeserializer();
        deserializer.setCompatibilityMode(EventDeserializer.CompatibilityMode.DATE_AND_TIME_AS_LONG_MICRO,
            EventDeserializer.CompatibilityMode.CHAR_AND_BINARY_AS_BYTE_ARRAY,
            EventDeserializer.CompatibilityMode.INVALID_DATE_AND_TIME_AS_MIN_VALUE);
        long rows = 0;
        try (ByteArrayInputStream in = new ByteArrayInputStream(new java.io.ByteArrayInputStream(binlog, MAGIC_LENGTH,
            binlog.length - MAGIC_LENGTH)))
        {
            Event event;
            while ((event = deserializer.nextEvent(in)) != null)
            {
                final EventData data = event.getData();
                if (data instanceof WriteRowsEventData write)
                {
                    for (final Serializable[] row : write.getRows())
                    {
                        if (blackhole != null)
                        {
                            blackhole.consume(row);
                        }
                        rows++;
                    }
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return rows;
    }

    /** Walks the file's events: FORMAT_DESCRIPTION for the checksum, TABLE_MAPs (decoded when they change), rows. */
    private long decode(final RowVisitor visitor)
    {
        int checksumLength = 0;
        long rows = 0;
        int position = MAGIC_LENGTH;
        while (position < binlog.length)
        {
            final int type = buffer.getByte(position + EventHeaderFlyweight.TYPE_OFFSET) & 0xFF;
            final int length = buffer.getInt(position + EventHeaderFlyweight.EVENT_SIZE_OFFSET, LITTLE_ENDIAN);
            if (type == BinlogEventType.FORMAT_DESCRIPTION)
            {
                checksumLength = formatDescription.wrap(buffer, position, length).checksumAlgorithm() == BinlogChecksum.ALGORITHM_CRC32
                    ? BinlogChecksum.LENGTH : 0;
            }
            else if (type == BinlogEventType.TABLE_MAP)
            {
                tableMapEvent.wrap(buffer, position, length, checksumLength);
                if (tableMap == null || !tableMapEvent.matches(tableMap))
                {
                    tableMap = tableMapEvent.tableMap(SourceFlavor.MYSQL);
                }
            }
            else if (RowsEventFlyweight.isRowsEvent(type))
            {
                rows += reader.read(rowsEvent.wrap(buffer, position, length, checksumLength), tableMap, visitor);
            }
            position += length;
        }
        return rows;
    }

    /**
     * Every value decoded to what a consumer reads: numbers, TIMESTAMP and the fields of DATE and DATETIME as
     * primitives, text and bytes as a view of the event.
     */
    private static final class TypedValues implements RowVisitor
    {
        long sum;

        @Override
        public void column(final ColumnValue value)
        {
            if (value.isNull())
            {
                return;
            }
            switch (value.type())
            {
                case ColumnType.LONGLONG, ColumnType.LONG, ColumnType.SHORT, ColumnType.TINY, ColumnType.ENUM -> sum += value.asLong();
                case ColumnType.DOUBLE -> sum += Double.doubleToRawLongBits(value.asDouble());
                case ColumnType.NEWDECIMAL -> sum += value.asUnscaledLong() + value.decimalScale();
                case ColumnType.TIMESTAMP2 -> sum += value.epochSecond() * 1_000_000 + value.microsecond();
                case ColumnType.DATETIME2, ColumnType.DATE -> sum += value.year() + value.month() + value.day()
                    + value.hour() + value.minute() + value.second() + value.microsecond();
                default -> sum += value.length() + (value.length() > 0 ? value.buffer().getByte(value.offset()) : 0);
            }
        }
    }

    /** Each row as one JSON object of column name to value. */
    private static final class JsonRows implements RowVisitor
    {
        private final StringBuilder text = new StringBuilder(512);
        long length;

        @Override
        public void beginImage(final RowImage image)
        {
            text.setLength(0);
            text.append('{');
        }

        @Override
        public void column(final ColumnValue value)
        {
            if (text.length() > 1)
            {
                text.append(',');
            }
            text.append('"').append(value.name()).append("\":");
            value.appendJson(text);
        }

        @Override
        public void endImage(final RowImage image)
        {
            text.append('}');
            length += text.length();
        }
    }
}
