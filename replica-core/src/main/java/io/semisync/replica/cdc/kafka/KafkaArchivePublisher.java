package io.semisync.replica.cdc.kafka;

import io.semisync.replica.cdc.CdcException;
import io.semisync.replica.cdc.DurableCommitScout;
import io.semisync.replica.session.GtidText;
import io.semisync.storage.RelayLogException;
import io.semisync.storage.relaylog.GtidKind;
import io.semisync.storage.relaylog.RelayLog;
import io.semisync.storage.relaylog.RelayLogReader;
import io.semisync.storage.relaylog.RelayLogRecord;
import org.agrona.ExpandableArrayBuffer;

import java.nio.charset.StandardCharsets;

/**
 * The raw archive to Kafka: each relay-log transaction (and each event outside one, such as a FORMAT_DESCRIPTION or a
 * ROTATE) as one record of one topic, key its GTID (null without one), value its events' bytes back to back, exactly as
 * the source sent them (headers and checksums included, compressed events still compressed), so a consumer can rebuild
 * a relay log or feed a downstream replica. All records go to one partition, in relay-log order. Exactly once across
 * kill -9 as the change feed ({@link TransactionalPublisher}), the position being the relay-log index of the last
 * published record. Like the change feed it publishes a transaction only once the relay log holds its last event and
 * the replica has made it durable (the relay log's durable commit index).
 *
 * <p>An agent: {@link #doWork()} does a bounded step and returns how much it did, 0 when caught up. Single-threaded.
 */
public final class KafkaArchivePublisher implements AutoCloseable
{
    private static final int BATCH = 1024;
    private static final String PARTITION_ROUTE = "archive";

    private final String topic;
    private final TransactionalPublisher publisher;
    private final DurableCommitScout scout;
    private final RelayLogReader reader;
    private final ExpandableArrayBuffer unit = new ExpandableArrayBuffer(1 << 16);
    private int unitLength;
    private byte[] unitKey;
    private int published;
    private long transactionsRead;

    /**
     * Connects (waiting while Kafka is unreachable) and moves after the last published record.
     *
     * @throws CdcException if the relay log no longer holds that record.
     */
    public KafkaArchivePublisher(final RelayLog relayLog, final KafkaSinkSettings settings)
    {
        this.topic = settings.archiveTopic();
        this.publisher = new TransactionalPublisher(settings);
        this.scout = new DurableCommitScout(relayLog);
        this.reader = relayLog.openReader();
        final String committed = publisher.committedPosition();
        if (committed != null)
        {
            final long index = Long.parseLong(committed);
            if (!(scout.moveAfter(index) && reader.moveAfter(index)))
            {
                close();
                throw new CdcException("the relay log " + relayLog.directory() + " no longer holds the record at index " + index
                    + " that " + topic + " ends with (retention deleted it, or the topic belongs to another relay log): name a new topic prefix");
            }
        }
    }

    /** What the sink has published so far. */
    public PublisherStatus status()
    {
        return publisher.status();
    }

    /**
     * Finds the latest commit point and publishes the transactions complete up to it, a batch at a time.
     *
     * @return records read; 0 when caught up.
     */
    public int doWork()
    {
        final int scouted = scout.advance();
        final int read;
        try
        {
            read = reader.poll(this::onRecord, BATCH, scout.limit());
        }
        catch (final RelayLogException ex)
        {
            throw new CdcException("cannot read the relay log: " + ex.getMessage(), ex);
        }
        publisher.behind(scout.transactions() - transactionsRead, scout.caughtUp());
        if (published > 0)
        {
            publisher.commit();
            published = 0;
        }
        return scouted + read;
    }

    /** Runs {@link #doWork()} until every complete transaction the relay log holds now is published. */
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
        if (unitLength == 0)
        {
            unitKey = record.gtidKind() == GtidKind.NONE ? null
                : GtidText.of(record.gtidKind(), record.buffer(), record.gtidOffset(), record.gtidLength()).getBytes(StandardCharsets.UTF_8);
        }
        unit.putBytes(unitLength, record.buffer(), record.eventOffset(), record.eventLength());
        unitLength += record.eventLength();
        if (record.isTransactionEnd())
        {
            final byte[] value = new byte[unitLength];
            unit.getBytes(0, value);
            publisher.send(topic, unitKey, value, Long.toString(record.index()), record.eventTimestamp() * 1000, PARTITION_ROUTE);
            published++;
            transactionsRead++;
            unitLength = 0;
        }
    }

    /** Commits what is published, then closes. */
    @Override
    public void close()
    {
        try
        {
            publisher.close();
        }
        finally
        {
            scout.close();
            reader.close();
        }
    }
}
