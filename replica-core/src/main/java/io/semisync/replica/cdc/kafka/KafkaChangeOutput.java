package io.semisync.replica.cdc.kafka;

import io.semisync.protocol.rows.TableMap;
import io.semisync.replica.cdc.ChangeOutput;
import io.semisync.replica.cdc.ChangePosition;

import java.util.Arrays;
import java.util.Optional;

/**
 * Change lines to Kafka, exactly once across kill -9 of the process. Each row change becomes one record: topic
 * {@code <prefix>.<database>.<table>} (or {@code <prefix>.<database>}, {@link KafkaTopicPer}), characters Kafka does not
 * allow in topic names replaced by {@code _}; key the JSON object of the row's primary key columns; value the change line.
 * A DDL line goes to the topic {@code <prefix>} keyed {@code {"databaseName":"<db>"}}. A table without a primary key
 * (or with {@code binlog_row_metadata=MINIMAL}, where the binlog does not name the key) gets null keys, and all its
 * records go to one partition chosen by the table's name, so they stay in order. An update that changes the primary key
 * becomes two records, as Debezium publishes it: a delete ({@code op} "d", {@code after} null) keyed by the old key, then
 * a create ({@code op} "c", {@code before} null) keyed by the new one, both with the update's position, in one Kafka
 * transaction; so each key's records tell its whole story and a compacted topic keeps no stale row under the old key.
 *
 * <p>Records go out in Kafka transactions that also commit the position of their last line
 * ({@link TransactionalPublisher}); the feed flushes after each batch it decodes, which commits, and a restart resumes
 * after the committed position. Records of one key land in one partition in feed order, and so do a source
 * transaction's records of one table; a source transaction may span two Kafka transactions (a consumer still sees each
 * change once, in order).
 */
public final class KafkaChangeOutput implements ChangeOutput
{
    /** Commit early, inside a batch, once this many bytes wait in the open Kafka transaction. */
    private static final long MAX_PENDING_BYTES = 32L << 20;
    private static final String[] NO_KEY = new String[0];

    private final KafkaSinkSettings settings;
    private final TransactionalPublisher publisher;
    private final ChangeLineFields fields = new ChangeLineFields();
    private final ChangePosition lastPosition;
    private TableMap lastTable;
    private String lastTopic;
    private String lastRoute;
    private String[] lastKeyColumns = NO_KEY;

    private KafkaChangeOutput(final KafkaSinkSettings settings, final TransactionalPublisher publisher)
    {
        this.settings = settings;
        this.publisher = publisher;
        final String committed = publisher.committedPosition();
        this.lastPosition = committed == null ? ChangePosition.START : ChangePosition.parse(committed);
    }

    /** Connects (waiting while Kafka is unreachable), fences a predecessor and reads the committed position. */
    public static KafkaChangeOutput open(final KafkaSinkSettings settings)
    {
        return new KafkaChangeOutput(settings, new TransactionalPublisher(settings));
    }

    /** What the sink has published so far. */
    public PublisherStatus status()
    {
        return publisher.status();
    }

    /** {@code cdc:kafka:} and the producer's transactional id, which keys the sink's position. */
    @Override
    public Optional<String> readerName()
    {
        return Optional.of("cdc:kafka:" + settings.transactionalId());
    }

    @Override
    public ChangePosition lastPosition()
    {
        return lastPosition;
    }

    @Override
    public void writeRow(final byte[] line, final int length, final TableMap table)
    {
        if (table != lastTable)
        {
            lastTable = table;
            lastTopic = settings.topicOf(table.database(), table.table());
            lastRoute = table.database() + "." + table.table();
            final int[] key = table.primaryKey();
            lastKeyColumns = new String[key.length];
            for (int i = 0; i < key.length; i++)
            {
                lastKeyColumns[i] = table.columnName(key[i]);
            }
        }
        fields.read(line, length, lastKeyColumns);
        if (fields.keyChanged())
        {
            // as Debezium: the old key's delete, then the new key's create, in one Kafka transaction
            publisher.send(lastTopic, fields.oldKey(), fields.asDelete(line, length), fields.position(), fields.sourceMillis(), null);
            publisher.send(lastTopic, fields.key(), fields.asCreate(line, length), fields.position(), fields.sourceMillis(), null);
            commitIfFull();
            return;
        }
        publish(lastTopic, fields.key(), line, length, lastRoute);
    }

    @Override
    public void writeLine(final byte[] line, final int length)
    {
        fields.read(line, length, NO_KEY);
        publish(settings.topicPrefix(), fields.databaseKey(), line, length, null);
    }

    private void publish(final String topic, final byte[] key, final byte[] line, final int length, final String keylessRoute)
    {
        publisher.send(topic, key, Arrays.copyOf(line, length), fields.position(), fields.sourceMillis(), key == null ? keylessRoute : null);
        commitIfFull();
    }

    private void commitIfFull()
    {
        if (publisher.pendingBytes() >= MAX_PENDING_BYTES)
        {
            publisher.commit();
        }
    }

    @Override
    public void behind(final long transactions, final boolean exact)
    {
        publisher.behind(transactions, exact);
    }

    @Override
    public void flush()
    {
        publisher.commit();
    }

    @Override
    public void close()
    {
        publisher.close();
    }
}
