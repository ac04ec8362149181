package io.semisync.it.kafka;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads a topic as a {@code read_committed} consumer sees it: every committed record, partition by partition, in order. */
public final class CommittedRecords
{
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private CommittedRecords()
    {
    }

    /** The committed records of {@code topic}, partition 0 first, each partition in offset order; empty if no such topic. */
    public static List<ConsumerRecord<String, String>> of(final KafkaBroker broker, final String topic)
    {
        return read(broker, topic, new StringDeserializer());
    }

    /** {@link #of} with keys and values as bytes. */
    public static List<ConsumerRecord<byte[], byte[]>> bytesOf(final KafkaBroker broker, final String topic)
    {
        return read(broker, topic, new ByteArrayDeserializer());
    }

    private static <T> List<ConsumerRecord<T, T>> read(final KafkaBroker broker, final String topic, final Deserializer<T> deserializer)
    {
        try (KafkaConsumer<T, T> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap(),
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000),
            deserializer, deserializer))
        {
            final List<ConsumerRecord<T, T>> records = new ArrayList<>();
            final List<PartitionInfo> partitions = consumer.partitionsFor(topic, TIMEOUT);
            for (final PartitionInfo info : partitions)
            {
                final TopicPartition partition = new TopicPartition(topic, info.partition());
                consumer.assign(List.of(partition));
                consumer.seekToBeginning(List.of(partition));
                final long end = consumer.endOffsets(List.of(partition), TIMEOUT).get(partition);
                while (consumer.position(partition, TIMEOUT) < end)
                {
                    consumer.poll(Duration.ofMillis(500)).forEach(records::add);
                }
            }
            return records;
        }
    }

    /** The values of {@link #of}. */
    public static List<String> valuesOf(final KafkaBroker broker, final String topic)
    {
        return of(broker, topic).stream().map(ConsumerRecord::value).toList();
    }
}
