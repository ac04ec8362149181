package io.semisync.it.kafka;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The test broker itself: it takes records, keeps them across a kill -9 and a restart on the same port. */
@ExtendWith(KafkaBrokerExtension.class)
class KafkaBrokerIT
{
    @Test
    void keepsCommittedRecordsAcrossAKillAndRestart(final KafkaBroker broker) throws Exception
    {
        final String topic = "broker-it";
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap(),
            ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer()))
        {
            producer.send(new ProducerRecord<>(topic, "k", "before the kill")).get();
        }
        broker.kill();
        broker.start();
        assertThat(readAll(broker, topic)).containsExactly("before the kill");
    }

    static List<String> readAll(final KafkaBroker broker, final String topic)
    {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap(),
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new StringDeserializer()))
        {
            final TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            final long end = consumer.endOffsets(List.of(partition), Duration.ofSeconds(30)).get(partition);
            final List<String> values = new ArrayList<>();
            while (consumer.position(partition, Duration.ofSeconds(30)) < end)
            {
                for (final ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500)))
                {
                    values.add(record.value());
                }
            }
            return values;
        }
    }
}
