package io.semisync.replica.cdc.kafka;

import io.semisync.replica.cdc.CdcException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaSinkSettingsTest
{
    @Test
    void derivesOneTransactionalIdPerDataDirectoryAndPrefix()
    {
        final String id = KafkaSinkSettings.transactionalIdOf(Path.of("/data/replica"), "shop", "cdc");

        assertThat(id).matches("semisync-cdc-shop-[0-9a-f]{16}");
        assertThat(KafkaSinkSettings.transactionalIdOf(Path.of("/data/replica/"), "shop", "cdc")).isEqualTo(id);
        assertThat(KafkaSinkSettings.transactionalIdOf(Path.of("/data/other"), "shop", "cdc")).isNotEqualTo(id);
    }

    @Test
    void namesTopicsAsDebeziumDoesWithForbiddenCharactersReplaced()
    {
        assertThat(output(KafkaTopicPer.TABLE).topicOf("shop", "order lines$ü")).isEqualTo("p.shop.order_lines__");
        assertThat(output(KafkaTopicPer.DATABASE).topicOf("shop", "orders")).isEqualTo("p.shop");
        assertThat(new KafkaSinkSettings("h:1", "p", KafkaTopicPer.TABLE, "id", KafkaTopicSettings.BROKER_DEFAULTS, null).positionTopic()).isEqualTo("p-positions");
    }

    @Test
    void refusesAPrefixThatIsNoTopicName()
    {
        assertThatThrownBy(() -> new KafkaSinkSettings("h:1", "my prefix", KafkaTopicPer.TABLE, "id", KafkaTopicSettings.BROKER_DEFAULTS, null))
            .isInstanceOf(CdcException.class).hasMessageContaining("'my prefix' is no Kafka topic name");
    }

    private static KafkaSinkSettings output(final KafkaTopicPer per)
    {
        return new KafkaSinkSettings("h:1", "p", per, "id", KafkaTopicSettings.BROKER_DEFAULTS, null);
    }
}
