package io.semisync.replica.cdc.kafka;

import io.semisync.replica.cdc.CdcException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where and how the Kafka sink publishes.
 *
 * @param bootstrap       {@code bootstrap.servers}, {@code HOST:PORT[,HOST:PORT...]}.
 * @param topicPrefix     first part of every topic name; DDL statements go to the topic of that very name.
 * @param topicPer        one topic per table or per database.
 * @param transactionalId the producer's {@code transactional.id}, also the key of the sink's position record.
 * @param topics          how missing topics are created, and what existing ones must be.
 * @param statusFile      where the sink keeps its status for the replica's admin endpoint ({@link KafkaSinkStatusFiles}); null for nowhere.
 */
public record KafkaSinkSettings(String bootstrap, String topicPrefix, KafkaTopicPer topicPer, String transactionalId,
    KafkaTopicSettings topics, Path statusFile)
{
    /**
     * @throws CdcException if the prefix is no Kafka topic name.
     */
    public KafkaSinkSettings
    {
        if (topicPrefix.isEmpty() || !sanitize(topicPrefix).equals(topicPrefix))
        {
            throw new CdcException("the topic prefix '" + topicPrefix + "' is no Kafka topic name: use ASCII letters, digits, "
                + "'.', '_' and '-'");
        }
    }

    /**
     * The topic of a table's row changes: {@code <prefix>.<db>.<table>} or {@code <prefix>.<db>}, with what Kafka does not
     * allow in a topic name (anything but ASCII letters, digits, '.', '_' and '-') replaced by '_', as Debezium does.
     */
    public String topicOf(final String database, final String table)
    {
        return sanitize(topicPer == KafkaTopicPer.TABLE ? topicPrefix + "." + database + "." + table : topicPrefix + "." + database);
    }

    private static String sanitize(final String topic)
    {
        final StringBuilder name = new StringBuilder(topic.length());
        for (int i = 0; i < topic.length(); i++)
        {
            final char c = topic.charAt(i);
            name.append(c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-') ? c : '_');
        }
        return name.toString();
    }

    /** The raw archive's topic: {@code <prefix>-archive}. */
    public String archiveTopic()
    {
        return topicPrefix + "-archive";
    }

    /** The compacted topic holding each feed's committed position, keyed by its transactional id. */
    public String positionTopic()
    {
        return topicPrefix + "-positions";
    }

    /**
     * A transactional id stable for one relay log and topic prefix, so a restarted sink fences its killed predecessor
     * and finds its position: {@code semisync-cdc-<prefix>-<16 hex digits of the SHA-256 of the data directory's real path>}.
     */
    public static String transactionalIdOf(final Path dataDirectory, final String topicPrefix, final String feed)
    {
        final String path = dataDirectory.toAbsolutePath().normalize().toString();
        try
        {
            final byte[] digest = MessageDigest.getInstance("SHA-256").digest(path.getBytes(StandardCharsets.UTF_8));
            return "semisync-" + feed + "-" + topicPrefix + "-" + HexFormat.of().formatHex(digest, 0, 8);
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("every Java runtime has SHA-256", ex);
        }
    }
}
