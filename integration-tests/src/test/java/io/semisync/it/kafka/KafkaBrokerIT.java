package io.semisync.it.kafka;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

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
        assertThat(CommittedRecords.valuesOf(broker, topic)).containsExactly("before the kill");
    }
}
