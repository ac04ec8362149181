package io.semisync.replica.cdc.kafka;

import io.semisync.replica.cdc.CdcException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * The sink's topics: each one, at its first use, is created with the {@link KafkaTopicSettings} when missing, or checked
 * against them when it exists, so that a topic whose partitions (which decide where each key goes), replication factor
 * or configs differ from what the operator asked for stops the sink with a message saying which and how to fix it.
 * Kafka's errors that retrying may cure (a broker away, a timeout) go to the caller as they are. Single-threaded.
 */
final class KafkaTopics implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(KafkaTopics.class);

    private final Admin admin;
    private final KafkaTopicSettings settings;
    private final Set<String> ready = new HashSet<>();

    KafkaTopics(final String bootstrap, final KafkaTopicSettings settings, final int timeoutMillis)
    {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMillis, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMillis));
        this.settings = settings;
    }

    /**
     * Makes sure a topic for records exists as the settings ask; checks Kafka once per topic.
     *
     * @throws CdcException if the topic exists otherwise than asked, or Kafka refuses to create it as asked.
     * @throws KafkaException if Kafka cannot answer now.
     */
    void ensure(final String topic)
    {
        if (ready.contains(topic))
        {
            return;
        }
        final Optional<TopicDescription> existing = describe(topic);
        if (existing.isPresent())
        {
            check(existing.get());
        }
        else if (!create(new NewTopic(topic, settings.partitions(), settings.replicationFactor()).configs(settings.configs())))
        {
            check(describe(topic).orElseThrow(() -> new KafkaException("the topic " + topic + " exists and does not: ask again")));
        }
        ready.add(topic);
    }

    /**
     * Makes sure the compacted position topic exists: one partition, the settings' replication factor; an existing one
     * is taken as it is.
     */
    void ensurePositionTopic(final String topic)
    {
        if (!ready.contains(topic) && describe(topic).isEmpty())
        {
            create(new NewTopic(topic, Optional.of(1), settings.replicationFactor())
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        }
        ready.add(topic);
    }

    private Optional<TopicDescription> describe(final String topic)
    {
        try
        {
            return Optional.of(await(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic));
        }
        catch (final UnknownTopicOrPartitionException missing)
        {
            return Optional.empty();
        }
    }

    /** Creates a topic; false if another client created it first. */
    private boolean create(final NewTopic topic)
    {
        try
        {
            await(admin.createTopics(List.of(topic)).all());
            LOG.info("kafka: created the topic {} ({} partitions, replication factor {}, configs {})", topic.name(),
                topic.numPartitions() < 0 ? "the broker's default" : topic.numPartitions(),
                topic.replicationFactor() < 0 ? "the broker's default" : topic.replicationFactor(), topic.configs());
            return true;
        }
        catch (final TopicExistsException raced)
        {
            return false;
        }
        catch (final InvalidConfigurationException | InvalidPartitionsException | PolicyViolationException ex)
        {
            throw new CdcException("Kafka refuses to create the topic " + topic.name() + " as asked (" + ex.getMessage() + "): fix "
                + "--kafka-topic-partitions, --kafka-replication-factor or --kafka-topic-config, or create the topic yourself", ex);
        }
    }

    private void check(final TopicDescription topic)
    {
        final int partitions = topic.partitions().size();
        if (settings.partitions().isPresent() && settings.partitions().get() != partitions)
        {
            throw conflict(topic.name(), partitions + " partitions", "--kafka-topic-partitions asks for " + settings.partitions().get(),
                "set --kafka-topic-partitions " + partitions + ", or leave it out");
        }
        final int replicas = topic.partitions().get(0).replicas().size();
        if (settings.replicationFactor().isPresent() && settings.replicationFactor().get() != replicas)
        {
            throw conflict(topic.name(), "replication factor " + replicas, "--kafka-replication-factor asks for "
                + settings.replicationFactor().get(), "set --kafka-replication-factor " + replicas + ", or leave it out");
        }
        if (settings.configs().isEmpty())
        {
            return;
        }
        final ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic.name());
        final Config configs = await(admin.describeConfigs(List.of(resource)).all()).get(resource);
        for (final Map.Entry<String, String> wanted : settings.configs().entrySet())
        {
            final ConfigEntry entry = configs.get(wanted.getKey());
            final String actual = entry == null ? null : entry.value();
            if (!wanted.getValue().equals(actual))
            {
                throw conflict(topic.name(), wanted.getKey() + "=" + actual, "--kafka-topic-config asks for "
                    + wanted.getKey() + "=" + wanted.getValue(), "change the topic (kafka-configs.sh --alter) or --kafka-topic-config");
            }
        }
    }

    private static CdcException conflict(final String topic, final String has, final String asked, final String fix)
    {
        return new CdcException("the topic " + topic + " exists with " + has + ", but " + asked + ": " + fix
            + " (or delete the topic, or name a new --kafka-topic-prefix)");
    }

    /** The future's value; what failed it is thrown as it is when it is Kafka's, so callers catch it by type. */
    private static <T> T await(final KafkaFuture<T> future)
    {
        try
        {
            return future.get();
        }
        catch (final ExecutionException ex)
        {
            throw ex.getCause() instanceof KafkaException kafka ? kafka : new KafkaException(ex.getCause());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while asking Kafka about topics", ex);
        }
    }

    @Override
    public void close()
    {
        admin.close();
    }
}
