package io.semisync.replica.cdc;

import io.semisync.protocol.ProtocolException;
import io.semisync.protocol.binlog.BinlogChecksum;
import io.semisync.protocol.binlog.BinlogEventType;
import io.semisync.protocol.binlog.EventHeaderFlyweight;
import io.semisync.protocol.binlog.FormatDescriptionEventFlyweight;
import io.semisync.protocol.binlog.QueryEventFlyweight;
import io.semisync.protocol.binlog.RowsQueryEventFlyweight;
import io.semisync.protocol.binlog.compression.MariadbEventUncompressor;
import io.semisync.protocol.binlog.compression.TransactionPayloadReader;
import io.semisync.protocol.rows.SourceFlavor;
import io.semisync.replica.session.GtidText;
import io.semisync.storage.ReaderFellBehindException;
import io.semisync.storage.relaylog.GtidKind;
import io.semisync.storage.relaylog.RelayLog;
import io.semisync.storage.relaylog.RelayLogReader;
import io.semisync.storage.relaylog.ReaderPositions;
import io.semisync.storage.relaylog.RegisteredReader;
import io.semisync.storage.relaylog.RelayLogRecord;
import org.agrona.DirectBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * The change feed: reads the relay log (never the network) and writes one {@link ChangeLines line} per row change and
 * per DDL statement of every complete, durable transaction, in log order, to a {@link ChangeOutput}. A transaction is
 * decoded only once the relay log holds its last event and a sync has made it durable: a {@link DurableCommitScout}
 * runs ahead to the latest commit point the relay log's durable commit mark covers (the writer's syncs, in whatever
 * process it runs), and the decoding reader never passes it; after each step the output hears how many durable
 * transactions are still to read ({@link ChangeOutput#behind}). So a transaction still being appended, one a replica
 * restart drops as incomplete, or one a power loss could take back never shows. Compressed events (MySQL's TRANSACTION_PAYLOAD, MariaDB's compressed query and row events) are stored as
 * received and decompressed here. It resumes after the output's last position.
 *
 * <p>An output that keeps its position ({@link ChangeOutput#readerName}) registers it in the relay log
 * ({@link ReaderPositions}), moved to the transaction of the last line the output holds durably after each flush and
 * saved every {@link #SAVE_PERIOD}, so retention keeps what a restart resumes from. Retention that deleted some of it
 * all the same (beyond the readers' cap) stops the feed with an error before anything after the gap comes out: the feed
 * reads the registry again whenever it reaches another relay-log file.
 *
 * <p>An agent: {@link #doWork()} does a bounded step and returns how much it did, 0 when it has caught up; the caller
 * idles or, without {@code --follow}, stops then. Single-threaded.
 */
public final class ChangeFeed implements AutoCloseable
{
    /** How often the feed's registered position is saved while it moves. */
    public static final Duration SAVE_PERIOD = Duration.ofSeconds(10);
    private static final int BATCH = 1024;

    private final ChangeOutput output;
    private final TableFilter filter;
    private final RowChanges rows;
    private final ColumnNames columnNames;
    private final DurableCommitScout scout;
    private final RelayLogReader reader;
    private final ChangePosition resumeAfter;
    private final EventSource source = new EventSource();
    private final TransactionContext transaction = new TransactionContext();
    private final ChangeLines lines = new ChangeLines();
    private final EventHeaderFlyweight header = new EventHeaderFlyweight();
    private final FormatDescriptionEventFlyweight formatDescription = new FormatDescriptionEventFlyweight();
    private final QueryEventFlyweight query = new QueryEventFlyweight();
    private final BinlogChecksum checksum = new BinlogChecksum();
    private final TransactionPayloadReader payloads;
    private final MariadbEventUncompressor mariadbEvents;
    private final RowsQueryEventFlyweight rowsQuery = new RowsQueryEventFlyweight();
    private final RelayLog relayLog;
    private final RegisteredReader registration;
    private long lastLineTransaction = -1;
    private int cycle = Integer.MIN_VALUE;
    private boolean unitStart = true;
    private long transactionsRead;
    private int checksumLength = -1;
    private boolean formatSeen;
    private byte[] currentFileName = new byte[0];
    private long linesWritten;

    /**
     * @param relayLog             the relay log, open read-only (or by the replica itself).
     * @param output               where the lines go; the feed resumes after its last position.
     * @param filter               which tables show.
     * @param columnNames          names of columns when the binlog has none; null names them col_1, col_2, ...
     * @param maxUncompressedBytes the most bytes one compressed event may decompress to.
     * @throws CdcException if the relay log no longer holds the output's last position.
     */
    public ChangeFeed(final RelayLog relayLog, final ChangeOutput output, final TableFilter filter, final ColumnNames columnNames,
        final long maxUncompressedBytes)
    {
        this.relayLog = relayLog;
        this.output = output;
        this.filter = filter;
        this.columnNames = columnNames;
        this.resumeAfter = output.lastPosition();
        this.payloads = new TransactionPayloadReader(maxUncompressedBytes);
        this.mariadbEvents = new MariadbEventUncompressor(maxUncompressedBytes);
        this.rows = new RowChanges(lines, columnNames);
        this.registration = output.readerName().map(name -> relayLog.readers().register(name,
            resumeAfter.transactionIndex() < 0 ? ReaderPositions.FROM_OLDEST : resumeAfter.transactionIndex())).orElse(null);
        this.scout = new DurableCommitScout(relayLog);
        this.reader = relayLog.openReader();
        if (resumeAfter.transactionIndex() >= 0
            && !(scout.moveToIndex(resumeAfter.transactionIndex()) && reader.moveToIndex(resumeAfter.transactionIndex())))
        {
            close();
            throw new CdcException("the relay log " + relayLog.directory() + " no longer holds the transaction at index "
                + resumeAfter.transactionIndex() + " to resume after position " + resumeAfter + " (retention deleted it, or "
                + "the position belongs to another relay log): start a new output"
                + (registration != null && registration.hasFallenBehind() ? "; " + registration.fellBehindMessage() : ""));
        }
    }

    /**
     * Finds the latest commit point and writes the changes of the transactions complete up to it, a batch at a time.
     *
     * @return records read; 0 when it has caught up with the relay log's last commit point.
     * @throws CdcException naming the event when one cannot be decoded, or when the output cannot be written.
     */
    public int doWork()
    {
        final int scouted = scout.advance();
        final int decoded = reader.poll(this::onRecord, BATCH, scout.limit());
        output.behind(scout.transactions() - transactionsRead, scout.caughtUp());
        if (linesWritten > 0)
        {
            output.flush();
            linesWritten = 0;
        }
        if (registration != null)
        {
            if (lastLineTransaction >= 0)
            {
                checkNotBehind(() -> registration.advance(lastLineTransaction));
            }
            relayLog.readers().saveEvery(SAVE_PERIOD);
        }
        return scouted + decoded;
    }

    /**
     * Runs {@link #doWork()} until it has caught up: every complete transaction the relay log holds now is out.
     */
    public void drain()
    {
        int work;
        do
        {
            work = doWork();
        }
        while (work > 0);
    }

    private void onRecord(final RelayLogRecord record)
    {
        if (registration != null && relayLog.cycleOf(record.index()) != cycle)
        {
            cycle = relayLog.cycleOf(record.index());
            checkNotBehind(() ->
            {
                relayLog.readers().refresh();
                registration.checkNotBehind();
            });
        }
        source.index = record.index();
        if (!record.isFromSourceFile(currentFileName))
        {
            source.file = record.sourceFileName();
            currentFileName = source.file.getBytes(StandardCharsets.UTF_8);
        }
        source.position = record.endPosition();
        source.timestampSeconds = record.eventTimestamp();
        if (unitStart && !formatSeen && record.gtidKind() != GtidKind.NONE)
        {
            flavor(record.gtidKind() == GtidKind.MARIADB ? SourceFlavor.MARIADB : SourceFlavor.MYSQL);
        }
        if (unitStart)
        {
            source.query = null;
            transaction.begin(record.index(), record.gtidKind() == GtidKind.NONE ? null
                : GtidText.of(record.gtidKind(), record.buffer(), record.gtidOffset(), record.gtidLength()));
        }
        final DirectBuffer buffer = record.buffer();
        final int offset = record.eventOffset();
        final int length = record.eventLength();
        header.wrap(buffer, offset);
        source.type = header.type();
        source.serverId = header.serverId();
        try
        {
            onEvent(buffer, offset, length, checksumLength(buffer, offset, length), true);
        }
        catch (final ProtocolException | IndexOutOfBoundsException | UncheckedIOException ex)
        {
            throw new CdcException("cannot decode the " + source.describe() + ": " + ex.getMessage(), ex);
        }
        unitStart = record.isTransactionEnd();
        if (unitStart)
        {
            transactionsRead++;
        }
    }

    /**
     * The checksum length of the events stored: what the latest FORMAT_DESCRIPTION says (which also names the flavor);
     * before one is seen (a feed resumed past it), whether the event's last four bytes are its CRC32, which the replica
     * checked when it stored it (and the flavor from the kind of GTID the relay log stored).
     */
    private int checksumLength(final DirectBuffer buffer, final int offset, final int length)
    {
        if (header.type() == BinlogEventType.FORMAT_DESCRIPTION)
        {
            formatDescription.wrap(buffer, offset, length);
            checksumLength = formatDescription.checksumAlgorithm() == BinlogChecksum.ALGORITHM_CRC32 ? BinlogChecksum.LENGTH : 0;
            formatSeen = true;
            flavor(SourceFlavor.of(formatDescription.serverVersion()));
        }
        else if (checksumLength < 0)
        {
            checksumLength = length > EventHeaderFlyweight.LENGTH + BinlogChecksum.LENGTH && checksum.matches(buffer, offset, length)
                ? BinlogChecksum.LENGTH : 0;
        }
        return checksumLength;
    }

    private void flavor(final SourceFlavor flavor)
    {
        source.flavor = flavor == SourceFlavor.MARIADB ? "mariadb" : "mysql";
        rows.flavor(flavor);
    }

    private void onEvent(final DirectBuffer buffer, final int offset, final int length, final int checksumBytes, final boolean outer)
    {
        final int type = buffer.getByte(offset + EventHeaderFlyweight.TYPE_OFFSET) & 0xFF;
        if (type == BinlogEventType.TRANSACTION_PAYLOAD && outer)
        {
            payloads.open(buffer, offset, length, checksumBytes);
            while (payloads.next())
            {
                onEvent(payloads.buffer(), payloads.eventOffset(), payloads.eventLength(), 0, false);
            }
        }
        else if (MariadbEventUncompressor.isCompressed(type))
        {
            final int plainLength = mariadbEvents.uncompress(buffer, offset, length, checksumBytes);
            onEvent(mariadbEvents.buffer(), 0, plainLength, checksumBytes, outer);
        }
        else if (type == BinlogEventType.QUERY)
        {
            onQuery(buffer, offset, length, checksumBytes);
        }
        else if (type == BinlogEventType.TABLE_MAP)
        {
            rows.onTableMap(buffer, offset, length, checksumBytes);
        }
        else if (type == BinlogEventType.ROWS_QUERY || type == BinlogEventType.MARIADB_ANNOTATE_ROWS)
        {
            source.query = rowsQuery.wrap(buffer, offset, length, checksumBytes).statement();
        }
        else if (RowChanges.isRowsEvent(type))
        {
            final long written = rows.onRows(buffer, offset, length, checksumBytes, source, transaction, filter, resumeAfter, output);
            if (written > 0)
            {
                linesWritten += written;
                lastLineTransaction = transaction.index();
            }
        }
    }

    private void onQuery(final DirectBuffer buffer, final int offset, final int length, final int checksumBytes)
    {
        query.wrap(buffer, offset, length, checksumBytes);
        if (query.isBegin() || query.isCommitOrRollback())
        {
            return;
        }
        final String statement = query.statement();
        final String upper = statement.stripLeading().toUpperCase(Locale.ROOT);
        if (upper.startsWith("SAVEPOINT") || upper.startsWith("ROLLBACK") || upper.startsWith("XA ") || upper.startsWith("RELEASE SAVEPOINT"))
        {
            return;
        }
        if (columnNames != null)
        {
            columnNames.forget();
        }
        rows.forgetTables();
        final long change = transaction.nextChange();
        final String database = query.schema();
        if (resumeAfter.isBefore(transaction.index(), change) && filter.includesDatabase(database))
        {
            try
            {
                lines.ddl(transaction.index(), change, statement, source, transaction, database, transaction.nextChangeOf(TransactionContext.DDL_TABLE_ID));
            }
            catch (final IOException ex)
            {
                throw new CdcException("cannot write the DDL of the " + source.describe() + ": " + ex.getMessage(), ex);
            }
            output.writeLine(lines.bytes(), lines.length());
            linesWritten++;
            lastLineTransaction = transaction.index();
        }
    }

    /** Runs {@code step} of the registration; a feed retention left behind stops with the registration's message. */
    private static void checkNotBehind(final Runnable step)
    {
        try
        {
            step.run();
        }
        catch (final ReaderFellBehindException ex)
        {
            throw new CdcException(ex.getMessage() + " (the output's last position can no longer be resumed from: start a new output)", ex);
        }
    }

    @Override
    public void close()
    {
        if (registration != null)
        {
            registration.detach();
            relayLog.readers().save();
        }
        scout.close();
        reader.close();
        payloads.close();
    }
}
