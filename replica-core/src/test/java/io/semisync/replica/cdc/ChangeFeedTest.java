package io.semisync.replica.cdc;

import com.github.luben.zstd.Zstd;
import io.semisync.protocol.binlog.BinlogEventType;
import io.semisync.protocol.binlog.CapturedMysqlEvents;
import io.semisync.protocol.binlog.CapturedTaggedEvents;
import io.semisync.protocol.binlog.GtidTaggedEventFlyweight;
import io.semisync.storage.relaylog.EventMetadata;
import io.semisync.storage.relaylog.RecordFlags;
import io.semisync.storage.relaylog.RegisteredReader;
import io.semisync.storage.relaylog.RelayLog;
import io.semisync.storage.relaylog.RelayLogConfig;
import io.semisync.storage.relaylog.RelayLogWriter;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The feed over a relay log written with the events captured from a real MySQL 9.7 source (one INSERT of (1, 'a') into
 * d.t with MINIMAL row metadata): what a complete transaction gives, that an incomplete one gives nothing until its last
 * event is stored and synced, resuming, a TRANSACTION_PAYLOAD holding the same events, and a rows event without its TABLE_MAP.
 */
class ChangeFeedTest
{
    private static final String GTID = CapturedMysqlEvents.SOURCE_UUID + ":3";
    private static final String LINE_AFTER_POSITION = "\"op\":\"c\",\"before\":null,\"after\":{\"col_1\":1,\"col_2\":\"a\"},"
        + "\"source\":{\"flavor\":\"mysql\",\"server_id\":11,\"file\":\"binlog.000001\",\"pos\":832,\"gtid\":\"" + GTID + "\","
        + "\"ts_ms\":1795529776000,\"db\":\"d\",\"table\":\"t\",\"row\":0},"
        + "\"transaction\":{\"id\":\"" + GTID + "\",\"total_order\":1,\"data_collection_order\":1}}";

    @TempDir
    Path directory;

    private RelayLog relayLog;
    private RelayLogWriter writer;
    private final EventMetadata metadata = new EventMetadata();
    private final List<Long> transactionStarts = new ArrayList<>();

    /** Collects lines in memory. */
    private static final class Lines implements ChangeOutput
    {
        final List<String> lines = new ArrayList<>();
        final ChangePosition last;
        final String readerName;
        long behind = -1;
        boolean behindExact;

        Lines(final ChangePosition last)
        {
            this(last, null);
        }

        Lines(final ChangePosition last, final String readerName)
        {
            this.last = last;
            this.readerName = readerName;
        }

        @Override
        public Optional<String> readerName()
        {
            return Optional.ofNullable(readerName);
        }

        @Override
        public ChangePosition lastPosition()
        {
            return last;
        }

        @Override
        public void writeLine(final byte[] line, final int length)
        {
            lines.add(new String(line, 0, length, StandardCharsets.UTF_8));
        }

        @Override
        public void behind(final long transactions, final boolean exact)
        {
            behind = transactions;
            behindExact = exact;
        }

        @Override
        public void flush()
        {
        }

        @Override
        public void close()
        {
        }
    }

    @BeforeEach
    void open()
    {
        relayLog = RelayLog.open(new RelayLogConfig().directory(directory.resolve("relay-log")).blockSize(4L << 20).validate());
        writer = relayLog.openWriter();
        append(CapturedMysqlEvents.FORMAT_DESCRIPTION, true);
    }

    @AfterEach
    void close()
    {
        writer.close();
        relayLog.close();
    }

    private void append(final byte[] event, final boolean commit)
    {
        appendUnsynced(event, commit);
        writer.sync();
    }

    private void appendUnsynced(final byte[] event, final boolean commit)
    {
        final UnsafeBuffer view = new UnsafeBuffer(event);
        final int type = event[4] & 0xFF;
        if (type == BinlogEventType.GTID)
        {
            metadata.mysqlGtid(view, 20, view.getLong(36, ByteOrder.LITTLE_ENDIAN));
        }
        if (type == BinlogEventType.GTID_TAGGED)
        {
            final GtidTaggedEventFlyweight tagged = new GtidTaggedEventFlyweight().wrap(view, 0, event.length);
            metadata.mysqlTaggedGtid(tagged.uuidBytes(), 0, tagged.gno(), view, tagged.tagOffset(), tagged.tagLength());
        }
        final long index = writer.append(metadata.sourceFileName("binlog.000001").eventType(type)
            .endPosition(view.getInt(13, ByteOrder.LITTLE_ENDIAN))
            .eventTimestamp(view.getInt(0, ByteOrder.LITTLE_ENDIAN) & 0xFFFF_FFFFL)
            .flags(commit ? RecordFlags.TRANSACTION_END : 0), view, 0, event.length);
        if (type == BinlogEventType.GTID || type == BinlogEventType.GTID_TAGGED)
        {
            transactionStarts.add(index);
        }
        if (commit)
        {
            metadata.noGtid();
        }
    }

    private void transactionWithoutXid()
    {
        append(CapturedMysqlEvents.GTID, false);
        append(CapturedMysqlEvents.QUERY_BEGIN, false);
        append(CapturedMysqlEvents.TABLE_MAP, false);
        append(CapturedMysqlEvents.WRITE_ROWS, false);
    }

    private void twoTransactions()
    {
        transactionWithoutXid();
        append(CapturedMysqlEvents.XID, true);
        transactionWithoutXid();
        append(CapturedMysqlEvents.XID, true);
    }

    private List<String> feed(final ChangePosition after)
    {
        final Lines output = new Lines(after);
        try (ChangeFeed feed = new ChangeFeed(relayLog, output, TableFilter.all(), null, 1 << 20))
        {
            feed.drain();
        }
        return output.lines;
    }

    @Test
    void completeTransactionGivesOneLineInDebeziumsShape()
    {
        transactionWithoutXid();
        append(CapturedMysqlEvents.XID, true);

        assertThat(feed(ChangePosition.START))
            .containsExactly("{\"position\":\"" + transactionStarts.get(0) + ":1\"," + LINE_AFTER_POSITION);
    }

    @Test
    void aTaggedTransactionIsNamedByItsTaggedGtid()
    {
        append(CapturedTaggedEvents.GTID_TAGGED, false);
        append(CapturedMysqlEvents.QUERY_BEGIN, false);
        append(CapturedMysqlEvents.TABLE_MAP, false);
        append(CapturedMysqlEvents.WRITE_ROWS, false);
        append(CapturedMysqlEvents.XID, true);

        final String tagged = CapturedTaggedEvents.SOURCE_UUID + ":tag1:1";
        assertThat(feed(ChangePosition.START)).containsExactly("{\"position\":\"" + transactionStarts.get(0) + ":1\","
            + LINE_AFTER_POSITION.replace(GTID, tagged));
    }

    @Test
    void transactionShowsOnlyOnceItsLastEventIsStored()
    {
        transactionWithoutXid();
        final Lines output = new Lines(ChangePosition.START);
        try (ChangeFeed feed = new ChangeFeed(relayLog, output, TableFilter.all(), null, 1 << 20))
        {
            feed.drain();
            assertThat(output.lines).isEmpty();

            append(CapturedMysqlEvents.XID, true);
            feed.drain();
        }

        assertThat(output.lines).hasSize(1);
    }

    @Test
    void transactionShowsOnlyOnceASyncMadeItDurable()
    {
        transactionWithoutXid();
        appendUnsynced(CapturedMysqlEvents.XID, true);
        final Lines output = new Lines(ChangePosition.START);
        try (ChangeFeed feed = new ChangeFeed(relayLog, output, TableFilter.all(), null, 1 << 20))
        {
            feed.drain();
            assertThat(output.lines).isEmpty();

            writer.sync();
            feed.drain();
        }

        assertThat(output.lines).hasSize(1);
    }

    @Test
    void tellsItsOutputHowManyDurableTransactionsItHasStillToRead()
    {
        for (int i = 0; i < 600; i++)
        {
            appendUnsynced(CapturedMysqlEvents.GTID, false);
            appendUnsynced(CapturedMysqlEvents.QUERY_BEGIN, false);
            appendUnsynced(CapturedMysqlEvents.TABLE_MAP, false);
            appendUnsynced(CapturedMysqlEvents.WRITE_ROWS, false);
            appendUnsynced(CapturedMysqlEvents.XID, true);
        }
        writer.sync();
        transactionWithoutXid();
        appendUnsynced(CapturedMysqlEvents.XID, true);
        final Lines output = new Lines(ChangePosition.START);
        try (ChangeFeed feed = new ChangeFeed(relayLog, output, TableFilter.all(), null, 1 << 20))
        {
            feed.doWork();
            assertThat(output.behind).as("601 durable units (the FORMAT_DESCRIPTION and 600 transactions) less the 205 of the "
                + "first 1024 records").isEqualTo(396);
            assertThat(output.behindExact).isTrue();

            feed.drain();
            assertThat(output.lines).hasSize(600);
            assertThat(output.behind).as("the last transaction is not durable").isZero();

            writer.sync();
            feed.drain();
            assertThat(output.lines).hasSize(601);
            assertThat(output.behind).isZero();
        }
    }

    @Test
    void resumingAfterALineSkipsItAndWhatCameBefore()
    {
        twoTransactions();

        assertThat(feed(new ChangePosition(transactionStarts.get(0), 1)))
            .containsExactly("{\"position\":\"" + transactionStarts.get(1) + ":1\"," + LINE_AFTER_POSITION);
        assertThat(feed(new ChangePosition(transactionStarts.get(1), 1))).isEmpty();
    }

    @Test
    void positionTheRelayLogDoesNotHoldIsRefused()
    {
        assertThatThrownBy(() -> feed(new ChangePosition(transactionStarts.size() + (1L << 40), 1)))
            .isInstanceOf(CdcException.class).hasMessageContaining("no longer holds the transaction at index");
    }

    @Test
    void transactionPayloadGivesTheSameLine()
    {
        append(CapturedMysqlEvents.GTID, false);
        append(payload(CapturedMysqlEvents.QUERY_BEGIN, CapturedMysqlEvents.TABLE_MAP, CapturedMysqlEvents.WRITE_ROWS,
            CapturedMysqlEvents.XID), true);

        assertThat(feed(ChangePosition.START)).hasSize(1).allSatisfy(line -> assertThat(line)
            .startsWith("{\"position\":\"" + transactionStarts.get(0) + ":1\",\"op\":\"c\",\"before\":null,\"after\":{\"col_1\":1,\"col_2\":\"a\"}")
            .contains("\"pos\":900,"));
    }

    @Test
    void corruptCompressedTransactionIsAnErrorNamingTheEvent()
    {
        final byte[] event = payload(CapturedMysqlEvents.QUERY_BEGIN, CapturedMysqlEvents.TABLE_MAP, CapturedMysqlEvents.WRITE_ROWS,
            CapturedMysqlEvents.XID);
        event[19 + 10] ^= 0x5A;
        append(CapturedMysqlEvents.GTID, false);
        append(event, true);

        assertThatThrownBy(() -> feed(ChangePosition.START)).isInstanceOf(CdcException.class)
            .hasMessageContaining("cannot decode the event of type TRANSACTION_PAYLOAD ending at binlog.000001:900 (relay-log index "
                + (transactionStarts.get(0) + 1) + ")")
            .hasMessageContaining("zstd frame");
    }

    @Test
    void rowsEventWithoutItsTableMapIsAnErrorNamingTheEvent()
    {
        append(CapturedMysqlEvents.GTID, false);
        append(CapturedMysqlEvents.QUERY_BEGIN, false);
        append(CapturedMysqlEvents.WRITE_ROWS, false);
        append(CapturedMysqlEvents.XID, true);

        assertThatThrownBy(() -> feed(ChangePosition.START)).isInstanceOf(CdcException.class)
            .hasMessageContaining("event of type WRITE_ROWS ending at binlog.000001:832 (relay-log index")
            .hasMessageContaining("table id 88, which no TABLE_MAP event before it in its transaction announced");
    }

    @Test
    void anOutputWithAPositionRegistersItAndMovesItToTheTransactionOfItsLastLine()
    {
        twoTransactions();
        final Lines output = new Lines(new ChangePosition(transactionStarts.get(0), 1), "cdc:test");
        try (ChangeFeed feed = new ChangeFeed(relayLog, output, TableFilter.all(), null, 1 << 20))
        {
            assertThat(relayLog.readers().reader("cdc:test")).get().extracting(RegisteredReader::neededIndex)
                .as("registered where it resumes").isEqualTo(transactionStarts.get(0));
            feed.drain();
            assertThat(relayLog.readers().reader("cdc:test")).get().extracting(RegisteredReader::neededIndex)
                .as("moved to the transaction of its last line").isEqualTo(transactionStarts.get(1));
        }
        try (RelayLog otherProcess = RelayLog.open(new RelayLogConfig().directory(relayLog.directory()).readOnly(true).validate()))
        {
            assertThat(otherProcess.readers().reader("cdc:test")).get().as("saved when the feed closed")
                .satisfies(reader -> assertThat(reader.neededIndex()).isEqualTo(transactionStarts.get(1)))
                .satisfies(reader -> assertThat(reader.isAttached()).isFalse());
        }
        assertThat(feed(ChangePosition.START)).hasSize(2);
        assertThat(relayLog.readers().readers()).as("standard output keeps no position, so it registers none")
            .extracting(RegisteredReader::name).containsExactly("cdc:test");
    }

    @Test
    void aFeedThatRetentionLeftBehindStopsWithTheRegistrationsMessageBeforeItDecodesAnything() throws IOException
    {
        transactionWithoutXid();
        append(CapturedMysqlEvents.XID, true);
        final Lines output = new Lines(ChangePosition.START, "cdc:test");
        try (ChangeFeed feed = new ChangeFeed(relayLog, output, TableFilter.all(), null, 1 << 20))
        {
            // as the replica's retention marks it, in the registry the processes share
            Files.writeString(relayLog.directory().resolve("reader-positions"), "cdc:test\t-1\t0\treader 'cdc:test' fell behind: "
                + "retention deleted what it needs\n");
            assertThatThrownBy(feed::drain).isInstanceOf(CdcException.class).hasMessageContaining("reader 'cdc:test' fell behind")
                .hasMessageContaining("start a new output");
        }
        assertThat(output.lines).isEmpty();
    }

    /** A TRANSACTION_PAYLOAD (zstd) of these events without their CRC32, ending at position 900, with a CRC32 of its own. */
    private static byte[] payload(final byte[]... events)
    {
        final ByteArrayOutputStream inner = new ByteArrayOutputStream();
        for (final byte[] event : events)
        {
            final byte[] stripped = Arrays.copyOf(event, event.length - 4);
            stripped[9] = (byte)stripped.length;
            inner.writeBytes(stripped);
        }
        final byte[] compressed = Zstd.compress(inner.toByteArray(), 3);
        final byte[] fields = {1, 1, (byte)compressed.length, 2, 1, 0, 3, 1, (byte)inner.size(), 0};
        final int size = 19 + fields.length + compressed.length + 4;
        final byte[] event = new byte[size];
        final UnsafeBuffer view = new UnsafeBuffer(event);
        view.putBytes(0, CapturedMysqlEvents.XID, 0, 19);
        view.putByte(4, (byte)BinlogEventType.TRANSACTION_PAYLOAD);
        view.putInt(9, size, ByteOrder.LITTLE_ENDIAN);
        view.putInt(13, 900, ByteOrder.LITTLE_ENDIAN);
        view.putBytes(19, fields);
        view.putBytes(19 + fields.length, compressed);
        final CRC32 crc = new CRC32();
        crc.update(event, 0, size - 4);
        view.putInt(size - 4, (int)crc.getValue(), ByteOrder.LITTLE_ENDIAN);
        return event;
    }
}
