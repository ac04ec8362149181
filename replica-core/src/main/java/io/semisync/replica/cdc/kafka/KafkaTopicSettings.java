package io.semisync.replica.cdc.kafka;

import java.util.Map;
import java.util.Optional;

/**
 * How the Kafka sink creates a topic it finds missing, and what it requires of one it finds: partitions and replication
 * factor (empty: the broker's {@code num.partitions} and {@code default.replication.factor}, and no requirement) and
 * topic configs ({@code retention.ms}, {@code compression.type}, ...).
 */
public record KafkaTopicSettings(Optional<Integer> partitions, Optional<Short> replicationFactor, Map<String, String> configs)
{
    /** What the broker chooses. */
    public static final KafkaTopicSettings BROKER_DEFAULTS = new KafkaTopicSettings(Optional.empty(), Optional.empty(), Map.of());

    public KafkaTopicSettings
    {
        configs = Map.copyOf(configs);
    }
}
