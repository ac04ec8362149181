package io.semisync.replica.cdc.kafka;

import io.semisync.replica.cdc.CdcException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Publishes records to Kafka exactly once across kill -9: records go out in Kafka transactions, and each transaction
 * also writes the position its last record reached to a compacted position topic, keyed by the transactional id. A
 * (re)started publisher fences its predecessor ({@code initTransactions} aborts what it left open) and reads the last
 * committed position back with {@code read_committed}, so the caller resumes right after it.
 *
 * <p>Backpressure: while Kafka is slow or down, {@link #commit()} waits and retries with a growing pause, logging each
 * failure; the records of the open transaction stay in memory and go out again on a fresh producer, less those a commit
 * that timed out did deliver (known from the position read back). Only a fencing (another sink took over the
 * transactional id), an authorization failure, a record Kafka refuses for good (too large, or keyless in a compacted
 * topic) or a topic unlike what the settings ask ends it, and then nothing more is committed. Single-threaded.
 *
 * <p>Each topic is made ready at its first record ({@link KafkaTopics}: created as the settings ask, or checked against
 * them), and the sink's status goes to its status file ({@link KafkaSinkStatusFiles}) at most once a second while it runs
 * and once when it closes, for the replica's admin endpoint and metrics.
 */
final class TransactionalPublisher implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(TransactionalPublisher.class);
    private static final int MAX_BLOCK_MS = 10_000;
    /** The producer's limit; the broker's {@code message.max.bytes} (1 MiB by default) usually binds first. */
    private static final int MAX_RECORD_BYTES = 64 << 20;
    private static final long MIN_BACKOFF_MS = 100;
    private static final long MAX_BACKOFF_MS = 5_000;
    private static final long STATUS_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final String bootstrap;
    private final String transactionalId;
    private final String positionTopic;
    private final byte[] positionKey;
    private final List<Pending> pending = new ArrayList<>();
    private final Map<String, Integer> partitionCounts = new HashMap<>();
    private final PublisherStatus status;
    private final KafkaTopics topics;
    private final Path statusFile;
    private KafkaProducer<byte[], byte[]> producer;
    private boolean inTransaction;
    private boolean broken;
    /** After a fatal error: the open transaction is abandoned (the next sink's fencing aborts it), never committed. */
    private boolean stopped;
    private String committedPosition;
    private long pendingBytes;
    private long lastStatusNanos = System.nanoTime();
    private long lastStatusWriteNanos;
    private boolean statusWriteFailed;

    /**
     * Connects (waiting while Kafka is unreachable), creates the position topic if missing, fences any predecessor and
     * reads the committed position.
     */
    TransactionalPublisher(final KafkaSinkSettings settings)
    {
        this.bootstrap = settings.bootstrap();
        this.transactionalId = settings.transactionalId();
        this.positionTopic = settings.positionTopic();
        this.topics = new KafkaTopics(bootstrap, settings.topics(), MAX_BLOCK_MS);
        this.statusFile = settings.statusFile();
        this.positionKey = transactionalId.getBytes(StandardCharsets.UTF_8);
        this.status = new PublisherStatus(transactionalId);
        retrying("connect", () ->
        {
            topics.ensurePositionTopic(positionTopic);
            reconnect();
        });
        LOG.info("kafka: {} publishes to {}, resuming after position {}", transactionalId, bootstrap,
            committedPosition == null ? "(none: from the start)" : committedPosition);
    }

    /** The position of the last committed transaction, null when none was ever committed. */
    String committedPosition()
    {
        return committedPosition;
    }

    /** Counters of what this publisher has done. */
    PublisherStatus status()
    {
        return status;
    }

    /**
     * Sends a record in the open transaction (opening one if needed); a failure is kept for {@link #commit()} to retry.
     *
     * @param key      the record's key, or null.
     * @param position the position reached once this record is in Kafka.
     * @param sourceMillis when the source wrote the change (its event's timestamp), for the sink's lag.
     * @param route    null to partition by the key (the producer's choice), else the text whose hash picks the partition,
     *                 so that records of one route stay in order whatever their keys.
     */
    void send(final String topic, final byte[] key, final byte[] value, final String position, final long sourceMillis,
        final String route)
    {
        final Pending record = new Pending(topic, key, value, position, sourceMillis, route);
        status.sending();
        pending.add(record);
        pendingBytes += value.length + (key == null ? 0 : key.length);
        if (!broken)
        {
            try
            {
                sendNow(record);
            }
            catch (final ProducerFencedException | AuthorizationException | AuthenticationException ex)
            {
                stopped = true;
                throw fatal(ex);
            }
            catch (final KafkaException ex)
            {
                broken = true;
                LOG.warn("kafka: sending to {} failed ({}); the open transaction is sent again at its commit", topic, ex.toString());
            }
            catch (final CdcException ex)
            {
                stopped = true;
                throw ex;
            }
        }
    }

    /** How many durable relay-log transactions the sink has still to publish (a lower bound unless {@code exact}). */
    void behind(final long transactions, final boolean exact)
    {
        status.behind(transactions, exact);
        writeStatus(true);
    }

    /** Bytes of the records sent since the last commit. */
    long pendingBytes()
    {
        return pendingBytes;
    }

    /**
     * Commits the open transaction with the position of its last record; waits and retries until it is in Kafka.
     *
     * @throws CdcException if another publisher took over the transactional id, or Kafka refuses access.
     */
    void commit()
    {
        if (pending.isEmpty())
        {
            return;
        }
        if (stopped)
        {
            throw new CdcException("the Kafka sink stopped on an error: it commits nothing more");
        }
        retrying("commit", () ->
        {
            if (broken)
            {
                reconnect();
                dropCommitted();
                if (pending.isEmpty())
                {
                    return;
                }
                for (final Pending record : pending)
                {
                    sendNow(record);
                }
            }
            final Pending last = pending.get(pending.size() - 1);
            beginIfNeeded();
            producer.send(new ProducerRecord<>(positionTopic, 0, positionKey, last.position.getBytes(StandardCharsets.UTF_8)));
            producer.commitTransaction();
            inTransaction = false;
            committedPosition = last.position;
        });
        status.committed(pending.size(), committedPosition, pending.isEmpty() ? 0 : pending.get(pending.size() - 1).sourceMillis);
        pending.clear();
        pendingBytes = 0;
        final long now = System.nanoTime();
        if (now - lastStatusNanos >= STATUS_INTERVAL_NANOS)
        {
            lastStatusNanos = now;
            LOG.info("kafka: {}", status);
        }
        writeStatus(true);
    }

    /** Rewrites the status file, at most once a {@link KafkaSinkStatus#WRITE_INTERVAL} while running; a failure is logged once. */
    private void writeStatus(final boolean running)
    {
        final long now = System.nanoTime();
        if (statusFile == null || running && now - lastStatusWriteNanos < KafkaSinkStatus.WRITE_INTERVAL.toNanos())
        {
            return;
        }
        lastStatusWriteNanos = now;
        try
        {
            KafkaSinkStatusFiles.write(statusFile, status.snapshot(KafkaSinkStatusFiles.nameOf(statusFile), running));
        }
        catch (final IOException ex)
        {
            if (!statusWriteFailed)
            {
                statusWriteFailed = true;
                LOG.warn("kafka: cannot write the sink's status file {} ({}); the replica's admin status will not show this sink",
                    statusFile, ex.toString());
            }
        }
    }

    private void sendNow(final Pending record)
    {
        topics.ensure(record.topic);
        beginIfNeeded();
        Integer partition = null;
        if (record.route != null)
        {
            final int partitions = partitionCounts.computeIfAbsent(record.topic, topic -> producer.partitionsFor(topic).size());
            partition = Math.floorMod(record.route.hashCode(), partitions);
        }
        producer.send(new ProducerRecord<>(record.topic, partition, record.key, record.value));
    }

    private void beginIfNeeded()
    {
        if (!inTransaction)
        {
            producer.beginTransaction();
            inTransaction = true;
        }
    }

    /** After a reconnect: drops the records up to the committed position, which a timed-out commit did deliver. */
    private void dropCommitted()
    {
        if (committedPosition == null)
        {
            return;
        }
        for (int i = pending.size() - 1; i >= 0; i--)
        {
            if (pending.get(i).position.equals(committedPosition))
            {
                LOG.info("kafka: the commit that failed had gone through up to position {}; {} records are sent again",
                    committedPosition, pending.size() - i - 1);
                pending.subList(0, i + 1).clear();
                return;
            }
        }
    }

    /** A fresh producer: fences the previous one (aborting what it left open) and reads the committed position. */
    private void reconnect()
    {
        closeProducer();
        partitionCounts.clear();
        final Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 1 << 18);
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_RECORD_BYTES);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, MAX_BLOCK_MS);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, MAX_BLOCK_MS);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 3 * MAX_BLOCK_MS);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, transactionalId);
        producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
        producer.initTransactions();
        committedPosition = readCommittedPosition();
        broken = false;
    }

    private String readCommittedPosition()
    {
        final Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
            ConsumerConfig.CLIENT_ID_CONFIG, transactionalId + "-position");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer()))
        {
            final TopicPartition partition = new TopicPartition(positionTopic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            final long end = consumer.endOffsets(List.of(partition), READ_TIMEOUT).get(partition);
            String position = null;
            while (consumer.position(partition, READ_TIMEOUT) < end)
            {
                for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200)))
                {
                    if (Arrays.equals(record.key(), positionKey) && record.value() != null)
                    {
                        position = new String(record.value(), StandardCharsets.UTF_8);
                    }
                }
            }
            return position;
        }
    }

    /** Runs {@code step} until it succeeds, pausing longer after each failure (up to 5 s); fatal errors end it. */
    private void retrying(final String what, final Runnable step)
    {
        long backoff = MIN_BACKOFF_MS;
        int failures = 0;
        while (true)
        {
            try
            {
                step.run();
                if (failures > 0)
                {
                    LOG.info("kafka: {} succeeded after {} failed attempts", what, failures);
                }
                return;
            }
            catch (final ProducerFencedException | AuthorizationException | AuthenticationException ex)
            {
                stopped = true;
                throw fatal(ex);
            }
            catch (final CdcException ex)
            {
                stopped = true;
                throw ex;
            }
            catch (final KafkaException ex)
            {
                if (causedBy(ex, RecordTooLargeException.class) || causedBy(ex, RecordBatchTooLargeException.class))
                {
                    stopped = true;
                    throw new CdcException("Kafka at " + bootstrap + " refuses a record as too large (" + ex.getMessage() + "): raise the "
                        + "broker's message.max.bytes (or the topic's max.message.bytes); the sink resumes after position "
                        + (committedPosition == null ? "(none)" : committedPosition) + " when restarted", ex);
                }
                if (causedBy(ex, InvalidRecordException.class))
                {
                    stopped = true;
                    throw new CdcException("Kafka at " + bootstrap + " refuses a record (" + ex.getMessage() + "); a compacted topic "
                        + "(cleanup.policy=compact) refuses records without a key, which a table without a primary key and the raw "
                        + "archive's events outside transactions have: leave compact out of their topics' cleanup.policy; the sink "
                        + "resumes after position " + (committedPosition == null ? "(none)" : committedPosition) + " when restarted", ex);
                }
                failures++;
                broken = true;
                status.failed();
                writeStatus(true);
                LOG.warn("kafka: {} to {} failed (attempt {}): {}; retrying in {} ms. The relay log keeps filling and the sink "
                    + "resumes after position {}", what, bootstrap, failures, ex.toString(), backoff,
                    committedPosition == null ? "(none)" : committedPosition);
                pause(backoff);
                backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
            }
        }
    }

    private static boolean causedBy(final Throwable failure, final Class<? extends Throwable> type)
    {
        for (Throwable cause = failure; cause != null; cause = cause.getCause())
        {
            if (type.isInstance(cause))
            {
                return true;
            }
        }
        return false;
    }

    private CdcException fatal(final KafkaException ex)
    {
        if (ex instanceof ProducerFencedException)
        {
            return new CdcException("another sink now publishes with the transactional id " + transactionalId
                + " (a second cdc process on the same data directory and topic prefix?): this one stops", ex);
        }
        return new CdcException("Kafka at " + bootstrap + " refuses this sink: " + ex.getMessage()
            + " (grant the principal write on the topics, transactional id " + transactionalId + " and read on " + positionTopic + ")", ex);
    }

    private static void pause(final long millis)
    {
        try
        {
            Thread.sleep(millis);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new CdcException("interrupted while waiting for Kafka", ex);
        }
    }

    private void closeProducer()
    {
        if (producer != null)
        {
            producer.close(Duration.ZERO);
            producer = null;
            inTransaction = false;
        }
    }

    /** Commits what is open (unless a fatal error stopped the sink), logs the status, then closes the producer. */
    @Override
    public void close()
    {
        try
        {
            if (!stopped)
            {
                commit();
            }
            LOG.info("kafka: {}", status);
        }
        finally
        {
            closeProducer();
            topics.close();
            writeStatus(false);
        }
    }

    private record Pending(String topic, byte[] key, byte[] value, String position, long sourceMillis, String route)
    {
    }
}
