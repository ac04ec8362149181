package io.semisync.replica.cdc.kafka;

/** How the Kafka sink spreads row changes over topics, named as Debezium names them. */
public enum KafkaTopicPer
{
    /** {@code <prefix>.<database>.<table>}. */
    TABLE,
    /** {@code <prefix>.<database>}. */
    DATABASE
}
