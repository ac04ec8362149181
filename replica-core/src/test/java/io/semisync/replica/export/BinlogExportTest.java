package io.semisync.replica.export;

import io.semisync.protocol.binlog.BinlogEventType;
import io.semisync.replica.stream.StreamEvents;
import io.semisync.storage.relaylog.EventMetadata;
import io.semisync.storage.relaylog.RecordFlags;
import io.semisync.storage.relaylog.RelayLog;
import io.semisync.storage.relaylog.RelayLogConfig;
import io.semisync.storage.relaylog.RelayLogFile;
import io.semisync.storage.relaylog.RelayLogWriter;
import net.openhft.chronicle.core.time.SetTimeProvider;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Export of relay logs written record by record with the events a source sends (StreamEvents' byte fixtures, CRC32
 * included): the exported files are the source's files byte for byte.
 */
class BinlogExportTest
{
    private static final int PREVIOUS_GTIDS = 35;
    private static final int IN_USE = 0x01;
    /** The UUID in a GTID event: after the header and the GTID flags byte; the GNO follows. */
    private static final int GTID_UUID_OFFSET = 19 + 1;

    private static final long HOUR_MILLIS = 3_600_000L;
    private static final long START_MILLIS = 1_700_000_000_000L / HOUR_MILLIS * HOUR_MILLIS;

    @TempDir
    Path directory;

    /** The relay log's clock: each source file is written an hour after the one before, into a relay-log file of its own. */
    private final SetTimeProvider clock = new SetTimeProvider(TimeUnit.MILLISECONDS.toNanos(START_MILLIS));

    /** The events of one source file as written to the relay log, and the file the source itself holds. */
    private static final class SourceFile
    {
        final String name;
        final List<byte[]> events = new ArrayList<>();
        final List<Boolean> commits = new ArrayList<>();
        final ByteArrayOutputStream closedFile = new ByteArrayOutputStream();
        long position = 4;

        SourceFile(final String name)
        {
            this.name = name;
            closedFile.writeBytes(BinlogFileOutput.MAGIC);
        }

        /** Adds the event {@code build} makes for its end position. */
        SourceFile add(final LongFunction<byte[]> build, final boolean commit)
        {
            final int length = build.apply(0).length;
            position += length;
            final byte[] event = build.apply(position);
            events.add(event);
            commits.add(commit);
            closedFile.writeBytes(event);
            return this;
        }

        /** The FORMAT_DESCRIPTION with the in-use flag a source sends while it writes the file. */
        SourceFile start()
        {
            add(pos -> withFlags(StreamEvents.formatDescription(1, pos), IN_USE), true);
            final byte[] closed = withFlags(events.get(0), 0);
            final byte[] all = closedFile.toByteArray();
            System.arraycopy(closed, 0, all, 4, closed.length);
            closedFile.reset();
            closedFile.writeBytes(all);
            return add(pos -> StreamEvents.opaque(PREVIOUS_GTIDS, pos), true);
        }

        /** A transaction of GTID {@code SOURCE_UUID:gno} whose events are stamped {@code gno} seconds after TIMESTAMP. */
        SourceFile transaction(final long gno)
        {
            return add(pos -> stamped(StreamEvents.gtid(StreamEvents.SOURCE_UUID, gno, pos), gno), false)
                .add(pos -> stamped(StreamEvents.query("BEGIN", pos), gno), false)
                .add(pos -> stamped(StreamEvents.opaque(BinlogEventType.WRITE_ROWS_V2, pos), gno), false)
                .add(pos -> stamped(StreamEvents.xid(gno, pos), gno), true);
        }

        SourceFile rotateTo(final String next)
        {
            return add(pos -> StreamEvents.rotate(next, 4, false, pos), true);
        }

        byte[] bytes()
        {
            return closedFile.toByteArray();
        }
    }

    /** The event stamped {@code seconds} after TIMESTAMP, its CRC32 computed again. */
    private static byte[] stamped(final byte[] event, final long seconds)
    {
        final ByteBuffer copy = ByteBuffer.wrap(event.clone()).order(ByteOrder.LITTLE_ENDIAN);
        copy.putInt(0, (int)(StreamEvents.TIMESTAMP + seconds));
        final CRC32 crc = new CRC32();
        crc.update(copy.array(), 0, event.length - 4);
        copy.putInt(event.length - 4, (int)crc.getValue());
        return copy.array();
    }

    /** An event with its header flags replaced; the CRC32 stays, as the source leaves it (it does not cover the in-use flag). */
    private static byte[] withFlags(final byte[] event, final int flags)
    {
        final byte[] copy = event.clone();
        copy[17] = (byte)flags;
        copy[18] = 0;
        return copy;
    }

    private Path relayLog(final SourceFile... files)
    {
        final Path relayLogDir = directory.resolve("relay-log");
        try (RelayLog relayLog = RelayLog.open(relayLogConfig(relayLogDir).validate());
            RelayLogWriter writer = relayLog.openWriter())
        {
            final EventMetadata metadata = new EventMetadata();
            for (final SourceFile file : files)
            {
                clock.advanceMillis(HOUR_MILLIS);
                for (int i = 0; i < file.events.size(); i++)
                {
                    final byte[] event = file.events.get(i);
                    final UnsafeBuffer view = new UnsafeBuffer(event);
                    final int type = event[4] & 0xFF;
                    if (type == BinlogEventType.GTID)
                    {
                        metadata.mysqlGtid(view, GTID_UUID_OFFSET, view.getLong(GTID_UUID_OFFSET + 16, ByteOrder.LITTLE_ENDIAN));
                    }
                    metadata.sourceFileName(file.name)
                        .eventType(type)
                        .endPosition(view.getInt(13, ByteOrder.LITTLE_ENDIAN))
                        .eventTimestamp(view.getInt(0, ByteOrder.LITTLE_ENDIAN) & 0xFFFF_FFFFL)
                        .flags(file.commits.get(i) ? RecordFlags.TRANSACTION_END : 0);
                    writer.append(metadata, view, 0, event.length);
                    if (file.commits.get(i))
                    {
                        metadata.noGtid();
                    }
                }
            }
            writer.sync();
        }
        return relayLogDir;
    }

    private RelayLogConfig relayLogConfig(final Path relayLogDir)
    {
        return new RelayLogConfig().directory(relayLogDir).blockSize(4L << 20).timeProvider(clock);
    }

    private static ExportResult export(final Path relayLogDir, final Path output, final ExportRange range)
    {
        try (RelayLog relayLog = RelayLog.open(new RelayLogConfig().directory(relayLogDir).readOnly(true).validate()))
        {
            return BinlogExport.export(relayLog, output, range);
        }
    }

    private static List<String> listing(final Path dir) throws IOException
    {
        try (var entries = Files.list(dir))
        {
            return entries.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void filesHeldWholeAreExportedAsTheSourceClosedThemUpToTheLastCommitPoint() throws IOException
    {
        final SourceFile first = new SourceFile("binlog.000001").start().transaction(1).transaction(2).rotateTo("binlog.000002");
        final SourceFile second = new SourceFile("binlog.000002").start().transaction(3);
        final SourceFile secondAsSent = new SourceFile("binlog.000002").start().transaction(3)
            .add(pos -> StreamEvents.gtid(StreamEvents.SOURCE_UUID, 4, pos), false)
            .add(pos -> StreamEvents.query("BEGIN", pos), false);
        final Path output = directory.resolve("out");

        final ExportResult result = export(relayLog(first, secondAsSent), output, ExportRange.ALL);

        assertThat(result.files()).containsExactly("binlog.000001", "binlog.000002");
        assertThat(listing(output)).containsExactly("binlog.000001", "binlog.000002", "binlog.index");
        assertThat(Files.readAllBytes(output.resolve("binlog.000001"))).isEqualTo(first.bytes());
        assertThat(Files.readAllBytes(output.resolve("binlog.000002"))).as("ends at the last commit point").isEqualTo(second.bytes());
        assertThat(Files.readString(output.resolve("binlog.index"))).isEqualTo("./binlog.000001\n./binlog.000002\n");
        assertThat(result.indexFile()).isEqualTo(output.resolve("binlog.index"));
        assertThat(result.events()).isEqualTo(first.events.size() + second.events.size());
        assertThat(result.bytes()).isEqualTo(first.bytes().length + second.bytes().length);
    }

    @Test
    void aRelayLogWithCompressedFilesExportsTheSameBytes() throws IOException
    {
        final SourceFile first = new SourceFile("binlog.000001").start().transaction(1).transaction(2).rotateTo("binlog.000002");
        final SourceFile second = new SourceFile("binlog.000002").start().transaction(3).rotateTo("binlog.000003");
        final SourceFile third = new SourceFile("binlog.000003").start().transaction(4);
        final Path relayLogDir = relayLog(first, second, third);
        try (RelayLog relayLog = RelayLog.open(relayLogConfig(relayLogDir).compressClosedFiles(true).validate()))
        {
            relayLog.compressClosedFiles();
            assertThat(relayLog.files()).extracting(RelayLogFile::name).as("every relay-log file but the newest compressed")
                .hasSizeGreaterThanOrEqualTo(3).satisfies(names -> assertThat(names.subList(0, names.size() - 1)).allMatch(name -> name.endsWith(".zst")));
        }
        final Path output = directory.resolve("out");

        final ExportResult result = export(relayLogDir, output, ExportRange.ALL);

        assertThat(result.files()).containsExactly("binlog.000001", "binlog.000002", "binlog.000003");
        assertThat(Files.readAllBytes(output.resolve("binlog.000001"))).isEqualTo(first.bytes());
        assertThat(Files.readAllBytes(output.resolve("binlog.000002"))).isEqualTo(second.bytes());
        assertThat(Files.readAllBytes(output.resolve("binlog.000003"))).isEqualTo(third.bytes());
    }

    @Test
    void fromFileAndToFileChooseTheFiles() throws IOException
    {
        final SourceFile first = new SourceFile("binlog.000001").start().transaction(1).rotateTo("binlog.000002");
        final SourceFile second = new SourceFile("binlog.000002").start().transaction(2).rotateTo("binlog.000003");
        final SourceFile third = new SourceFile("binlog.000003").start().transaction(3);
        final Path relayLogDir = relayLog(first, second, third);

        assertThat(export(relayLogDir, directory.resolve("a"), ExportRange.files("binlog.000002", null)).files())
            .containsExactly("binlog.000002", "binlog.000003");
        assertThat(export(relayLogDir, directory.resolve("b"), ExportRange.files(null, "binlog.000002")).files())
            .containsExactly("binlog.000001", "binlog.000002");
        assertThat(export(relayLogDir, directory.resolve("c"), ExportRange.files("binlog.000002", "binlog.000002")).files())
            .containsExactly("binlog.000002");
        assertThat(Files.readAllBytes(directory.resolve("c").resolve("binlog.000002"))).isEqualTo(second.bytes());
        assertThat(listing(directory.resolve("c"))).containsExactly("binlog.000002", "binlog.index");

        assertThatThrownBy(() -> export(relayLogDir, directory.resolve("d"), ExportRange.files("binlog.000009", null)))
            .isInstanceOf(ExportException.class).hasMessageContaining("binlog.000009").hasMessageContaining("--from-file");
        assertThatThrownBy(() -> export(relayLogDir, directory.resolve("e"), ExportRange.files("binlog.000002", "binlog.000001")))
            .isInstanceOf(ExportException.class).hasMessageContaining("binlog.000001").hasMessageContaining("--to-file");
    }

    @Test
    void untilGtidEndsAfterOrBeforeItsTransactionAndStopDatetimeBeforeTheFirstTransactionAtThatSecond() throws IOException
    {
        final SourceFile first = new SourceFile("binlog.000001").start().transaction(1).transaction(2).rotateTo("binlog.000002");
        final SourceFile second = new SourceFile("binlog.000002").start().transaction(3).transaction(4).transaction(5);
        final Path relayLogDir = relayLog(first, second);
        final SourceFile upTo4 = new SourceFile("binlog.000002").start().transaction(3).transaction(4);
        final SourceFile upTo3 = new SourceFile("binlog.000002").start().transaction(3);
        final String gtid4 = StreamEvents.SOURCE_UUID + ":4";

        final ExportResult after = export(relayLogDir, directory.resolve("after"), new ExportRange(null, null, gtid4, false, null));
        assertThat(after.files()).containsExactly("binlog.000001", "binlog.000002");
        assertThat(Files.readAllBytes(directory.resolve("after").resolve("binlog.000002"))).isEqualTo(upTo4.bytes());

        export(relayLogDir, directory.resolve("before"), new ExportRange(null, null, gtid4, true, null));
        assertThat(Files.readAllBytes(directory.resolve("before").resolve("binlog.000002"))).isEqualTo(upTo3.bytes());

        final Instant fourthSecond = Instant.ofEpochSecond(StreamEvents.TIMESTAMP + 4L);
        export(relayLogDir, directory.resolve("time"), new ExportRange(null, null, null, false, fourthSecond));
        assertThat(Files.readAllBytes(directory.resolve("time").resolve("binlog.000002"))).isEqualTo(upTo3.bytes());

        export(relayLogDir, directory.resolve("file"), new ExportRange(null, "binlog.000001", gtid4, false, null));
        assertThat(listing(directory.resolve("file"))).containsExactly("binlog.000001", "binlog.index");

        assertThatThrownBy(() -> export(relayLogDir, directory.resolve("early"),
            new ExportRange(null, null, null, false, Instant.ofEpochSecond(StreamEvents.TIMESTAMP))))
            .isInstanceOf(ExportException.class).hasMessageContaining("nothing to export").hasMessageContaining("--stop-datetime");

        assertThatThrownBy(() -> export(relayLogDir, directory.resolve("unknown"),
            new ExportRange(null, null, StreamEvents.SOURCE_UUID + ":9", false, null)))
            .isInstanceOf(ExportException.class).hasMessageContaining(":9").hasMessageContaining("--until-gtid");
        assertThat(directory.resolve("unknown")).doesNotExist();
    }

    @Test
    void aFileHeldFromItsMiddleOpensWithTheNextFilesFormatDescription() throws IOException
    {
        final SourceFile whole = new SourceFile("binlog.000001").start().transaction(1).transaction(2).rotateTo("binlog.000002");
        final SourceFile fromMiddle = new SourceFile("binlog.000001");
        for (int i = 6; i < whole.events.size(); i++)
        {
            fromMiddle.events.add(whole.events.get(i));
            fromMiddle.commits.add(whole.commits.get(i));
        }
        final SourceFile next = new SourceFile("binlog.000002").start().transaction(3);
        final Path relayLogDir = relayLog(fromMiddle, next);

        final ExportResult result = export(relayLogDir, directory.resolve("out"), ExportRange.ALL);

        assertThat(result.files()).containsExactly("binlog.000001", "binlog.000002");
        assertThat(result.filesFromTheirMiddle()).containsExactly("binlog.000001");
        final ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(BinlogFileOutput.MAGIC);
        expected.writeBytes(Arrays.copyOfRange(next.bytes(), 4, 4 + next.events.get(0).length));
        fromMiddle.events.forEach(expected::writeBytes);
        assertThat(Files.readAllBytes(directory.resolve("out").resolve("binlog.000001"))).isEqualTo(expected.toByteArray());
        assertThat(Files.readAllBytes(directory.resolve("out").resolve("binlog.000002"))).isEqualTo(next.bytes());
    }

    @Test
    void aFileHeldFromItsHeaderAndThenItsMiddleKeepsItsHeaderAndTheTransactionsFollowIt() throws IOException
    {
        final SourceFile whole = new SourceFile("binlog.000001").start().transaction(1).transaction(2).transaction(3);
        final SourceFile headerThenMiddle = new SourceFile("binlog.000001");
        for (final int i : new int[]{0, 1, 6, 7, 8, 9, 10, 11, 12, 13})
        {
            headerThenMiddle.events.add(whole.events.get(i));
            headerThenMiddle.commits.add(whole.commits.get(i));
        }

        final ExportResult result = export(relayLog(headerThenMiddle), directory.resolve("out"), ExportRange.ALL);

        assertThat(result.filesFromTheirMiddle()).containsExactly("binlog.000001");
        final ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(BinlogFileOutput.MAGIC);
        expected.writeBytes(withFlags(whole.events.get(0), 0));
        headerThenMiddle.events.subList(1, headerThenMiddle.events.size()).forEach(expected::writeBytes);
        assertThat(Files.readAllBytes(directory.resolve("out").resolve("binlog.000001"))).isEqualTo(expected.toByteArray());
    }

    @Test
    void aFileHeldFromItsMiddleWithNoLaterFileIsRefused()
    {
        final SourceFile whole = new SourceFile("binlog.000001").start().transaction(1).transaction(2);
        final SourceFile fromMiddle = new SourceFile("binlog.000001");
        for (int i = 6; i < whole.events.size(); i++)
        {
            fromMiddle.events.add(whole.events.get(i));
            fromMiddle.commits.add(whole.commits.get(i));
        }
        final Path relayLogDir = relayLog(fromMiddle);

        assertThatThrownBy(() -> export(relayLogDir, directory.resolve("out"), ExportRange.ALL))
            .isInstanceOf(ExportException.class)
            .hasMessageContaining("binlog.000001 only from position " + endOf(whole, 5))
            .hasMessageContaining("no later file from its start");
        assertThat(directory.resolve("out")).isEmptyDirectory();
    }

    @Test
    void eventsMissingInsideAFileAreRefusedAndNoPartialFileStays() throws IOException
    {
        final SourceFile whole = new SourceFile("binlog.000001").start().transaction(1).transaction(2).transaction(3);
        final SourceFile withGap = new SourceFile("binlog.000001");
        final List<Integer> kept = List.of(0, 1, 2, 3, 4, 5, 10, 11, 12, 13);
        for (final int i : kept)
        {
            withGap.events.add(whole.events.get(i));
            withGap.commits.add(whole.commits.get(i));
        }
        final Path relayLogDir = relayLog(withGap);
        final long gapStart = endOf(whole, 5);
        final long gapEnd = endOf(whole, 9);

        assertThatThrownBy(() -> export(relayLogDir, directory.resolve("out"), ExportRange.ALL))
            .isInstanceOf(ExportException.class)
            .hasMessageContaining("no events of binlog.000001 between positions " + gapStart + " and " + gapEnd);
        assertThat(listing(directory.resolve("out"))).isEmpty();
    }

    @Test
    void aNonEmptyOutputDirectoryIsRefused() throws IOException
    {
        final Path relayLogDir = relayLog(new SourceFile("binlog.000001").start().transaction(1));
        final Path output = Files.createDirectories(directory.resolve("out"));
        Files.writeString(output.resolve("binlog.000001"), "an earlier export");

        assertThatThrownBy(() -> export(relayLogDir, output, ExportRange.ALL))
            .isInstanceOf(ExportException.class).hasMessageContaining("is not empty");
        assertThat(Files.readString(output.resolve("binlog.000001"))).isEqualTo("an earlier export");
    }

    @Test
    void aRelayLogWithoutACompleteTransactionHasNothingToExport()
    {
        final SourceFile open = new SourceFile("binlog.000001")
            .add(pos -> StreamEvents.gtid(StreamEvents.SOURCE_UUID, 1, pos), false);
        final Path relayLogDir = relayLog(open);

        assertThatThrownBy(() -> export(relayLogDir, directory.resolve("out"), ExportRange.ALL))
            .isInstanceOf(ExportException.class).hasMessageContaining("no complete transaction");
    }

    private static long endOf(final SourceFile file, final int event)
    {
        long position = 4;
        for (int i = 0; i <= event; i++)
        {
            position += file.events.get(i).length;
        }
        return position;
    }
}
