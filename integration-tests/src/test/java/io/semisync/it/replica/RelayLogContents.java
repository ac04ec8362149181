package io.semisync.it.replica;

import io.semisync.replica.DataDirectory;
import io.semisync.replica.session.GtidText;
import io.semisync.storage.relaylog.GtidKind;
import io.semisync.storage.relaylog.RelayLog;
import io.semisync.storage.relaylog.RelayLogConfig;
import io.semisync.storage.relaylog.RelayLogReader;
import io.semisync.storage.relaylog.RelayLogRecord;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * What a replica's relay log holds, read the way a tool would: opened read-only (safe while the replica
 * runs), voided records skipped, each event's own CRC32 checked against its bytes.
 */
public final class RelayLogContents
{
    private static final int CHECKSUM_LENGTH = 4;

    private final List<StoredEvent> events;

    private RelayLogContents(final List<StoredEvent> events)
    {
        this.events = events;
    }

    /** Reads every record of the relay log in {@code dataDir}; empty if there is none yet. */
    public static RelayLogContents read(final Path dataDir)
    {
        final Path directory = DataDirectory.relayLogOf(dataDir);
        final List<StoredEvent> events = new ArrayList<>();
        if (!Files.isDirectory(directory))
        {
            return new RelayLogContents(events);
        }
        final UnsafeBuffer eventBytes = new UnsafeBuffer(new byte[0]);
        try (RelayLog relayLog = RelayLog.open(new RelayLogConfig().directory(directory).readOnly(true).validate());
            RelayLogReader reader = relayLog.openReader())
        {
            int polled;
            do
            {
                polled = reader.poll(record -> events.add(toEvent(record, eventBytes)), 4096);
            }
            while (polled > 0);
        }
        return new RelayLogContents(events);
    }

    /**
     * As {@link #read}, after opening the relay log for writing once, as a restarted replica does: recovery drops what is
     * torn or incomplete and appends again what only the ACK journal holds. For a copy, never a relay log a replica runs on.
     */
    public static RelayLogContents recoverAndRead(final Path dataDir)
    {
        RelayLog.open(new RelayLogConfig().directory(DataDirectory.relayLogOf(dataDir)).validate()).close();
        return read(dataDir);
    }

    private static StoredEvent toEvent(final RelayLogRecord record, final UnsafeBuffer eventBytes)
    {
        final byte[] bytes = new byte[record.eventLength()];
        eventBytes.wrap(bytes);
        record.copyEvent(eventBytes, 0);
        final GtidKind kind = record.gtidKind();
        final String gtid = kind == GtidKind.NONE ? null : GtidText.of(kind, record.buffer(), record.gtidOffset(), record.gtidLength());
        return new StoredEvent(record.index(), record.eventType(), record.sourceFileName(), record.endPosition(), gtid,
            record.isTransactionEnd(), checksumMatches(bytes, eventBytes));
    }

    private static boolean checksumMatches(final byte[] bytes, final UnsafeBuffer view)
    {
        if (bytes.length < CHECKSUM_LENGTH)
        {
            return false;
        }
        final CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - CHECKSUM_LENGTH);
        return crc.getValue() == (view.getInt(bytes.length - CHECKSUM_LENGTH, ByteOrder.LITTLE_ENDIAN) & 0xFFFF_FFFFL);
    }

    List<StoredEvent> events()
    {
        return events;
    }

    /** The GTIDs of the transaction-end records, in relay-log order. */
    public List<String> committedGtids()
    {
        return events.stream().filter(event -> event.transactionEnd() && event.gtid() != null).map(StoredEvent::gtid).toList();
    }

    /** Whether a transaction-end record ends at {@code position} ({@code file:end-position}). */
    boolean hasCommitPointAt(final String position)
    {
        return events.stream().anyMatch(event -> event.transactionEnd() && position.equals(event.position()));
    }

    /** Whether a transaction-end record carries {@code gtid}. */
    boolean hasCommitted(final String gtid)
    {
        return events.stream().anyMatch(event -> event.transactionEnd() && gtid.equals(event.gtid()));
    }

    /**
     * The stored transactions in order: each from the event that opens it (the first record carrying its GTID)
     * to its transaction-end record, as {@code file:end-position} of each event. A transaction that has not
     * ended when another begins, or whose events are not contiguous, is reported by {@link #anomalies()}.
     */
    List<BinlogTransaction> transactions()
    {
        final List<BinlogTransaction> transactions = new ArrayList<>();
        String gtid = null;
        List<String> positions = new ArrayList<>();
        for (final StoredEvent event : events)
        {
            if (event.gtid() == null)
            {
                continue;
            }
            if (!event.gtid().equals(gtid))
            {
                gtid = event.gtid();
                positions = new ArrayList<>();
            }
            positions.add(event.position());
            if (event.transactionEnd())
            {
                transactions.add(new BinlogTransaction(gtid, List.copyOf(positions)));
                gtid = null;
            }
        }
        return transactions;
    }

    /**
     * What a healthy relay log never shows: an event whose CRC32 does not match, an end position that does not
     * grow within a source file, a transaction interrupted by another, a transaction event outside any
     * transaction; empty if none.
     */
    public List<String> anomalies()
    {
        final List<String> anomalies = new ArrayList<>();
        StoredEvent previous = null;
        String open = null;
        for (final StoredEvent event : events)
        {
            if (!event.checksumValid())
            {
                anomalies.add("CRC32 mismatch in stored event " + event);
            }
            if (previous != null && previous.file().equals(event.file()) && event.endPosition() <= previous.endPosition())
            {
                anomalies.add("end position does not grow: " + previous + " then " + event);
            }
            if (open != null && !open.equals(event.gtid()))
            {
                anomalies.add("transaction " + open + " has no end before " + event);
            }
            open = event.gtid() != null && !event.transactionEnd() ? event.gtid() : null;
            previous = event;
        }
        if (anomalies.size() > 20)
        {
            final int more = anomalies.size() - 20;
            anomalies.subList(20, anomalies.size()).clear();
            anomalies.add("... and " + more + " more");
        }
        return anomalies;
    }

    /** A short description for failure messages: size and the last few events. */
    String summary()
    {
        return events.size() + " events, last: " + events.subList(Math.max(0, events.size() - 5), events.size());
    }

    /**
     * One stored event.
     *
     * @param index          relay-log index
     * @param type           binlog event type code
     * @param file           source binlog file
     * @param endPosition    end position in that file
     * @param gtid           GTID text of the transaction it belongs to, null outside transactions
     * @param transactionEnd whether it is a commit point
     * @param checksumValid  whether the event's trailing CRC32 matches its bytes
     */
    record StoredEvent(long index, int type, String file, long endPosition, String gtid, boolean transactionEnd, boolean checksumValid)
    {
        String position()
        {
            return file + ":" + endPosition;
        }
    }
}
