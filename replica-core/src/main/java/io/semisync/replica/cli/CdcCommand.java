package io.semisync.replica.cli;

import io.semisync.replica.DataDirectory;
import io.semisync.replica.cdc.CdcException;
import io.semisync.replica.cdc.ChangeFeed;
import io.semisync.replica.cdc.ChangeOutput;
import io.semisync.replica.cdc.ChangePosition;
import io.semisync.replica.cdc.ColumnNames;
import io.semisync.replica.cdc.FileChangeOutput;
import io.semisync.replica.cdc.SourceColumnNames;
import io.semisync.replica.cdc.StreamChangeOutput;
import io.semisync.replica.cdc.TableFilter;
import io.semisync.replica.cdc.kafka.KafkaArchivePublisher;
import io.semisync.replica.cdc.kafka.KafkaChangeOutput;
import io.semisync.replica.cdc.kafka.KafkaSinkSettings;
import io.semisync.replica.cdc.kafka.KafkaSinkStatusFiles;
import io.semisync.replica.cdc.kafka.KafkaTopicSettings;
import io.semisync.replica.config.ConfigException;
import io.semisync.replica.config.ReplicaConfig;
import io.semisync.replica.config.Settings;
import io.semisync.storage.RelayLogException;
import io.semisync.storage.relaylog.RelayLog;
import io.semisync.storage.relaylog.RelayLogConfig;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.IntSupplier;

/**
 * {@code semisync-replica cdc}: the change feed ({@link ChangeFeed}) of the relay log as JSON lines, to standard output
 * (at least once, resumable with {@code --from-position}) or to a file (exactly once across kill -9: it resumes after
 * its own last line), once up to the last complete transaction or, with {@code --follow}, as the relay log grows.
 */
@Command(name = "cdc", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Print every row change and DDL statement of the relay log's complete transactions as JSON lines.",
    modelTransformer = SettingOptions.AddToCommand.class)
final class CdcCommand implements Callable<Integer>
{
    private static final long FOLLOW_IDLE_MILLIS = 5;

    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean running = true;

    @Spec
    CommandSpec spec;

    @Option(names = "--config", description = "Properties file with the options (keys without the leading dashes); flags win.")
    Path config;

    @Option(names = "--output", paramLabel = "FILE", description = "Append the lines to FILE, exactly once: a restart resumes "
        + "after its last whole line (default: standard output, at least once).")
    Path output;

    @Option(names = "--from-position", paramLabel = "INDEX:CHANGE", description = "To standard output: start after this "
        + "position, the position field of the last line already processed (default: the start of the relay log).")
    String fromPosition;

    @Option(names = "--follow", description = "Keep reading as the relay log grows, until stopped (SIGTERM or Ctrl-C).")
    boolean follow;

    @Option(names = "--include", split = ",", paramLabel = "PATTERN", description = "Show only these databases (shop, shop_*) "
        + "or tables (shop.orders, *.audit_?); repeatable or comma-separated (default: all).")
    List<String> includes = new ArrayList<>();

    @Option(names = "--exclude", split = ",", paramLabel = "PATTERN", description = "Leave out these databases or tables; "
        + "wins over --include.")
    List<String> excludes = new ArrayList<>();

    @Option(names = "--kafka-archive", description = "With --kafka-bootstrap: publish the raw archive instead of the changes, "
        + "each relay-log transaction as one record of <prefix>-archive (key its GTID, value its events' bytes), exactly once.")
    boolean kafkaArchive;

    @Override
    public Integer call()
    {
        final ReplicaConfig settings;
        try
        {
            settings = SettingOptions.CDC.read(spec.commandLine().getParseResult(), config);
            if (settings.get(Settings.CDC_SOURCE_COLUMNS))
            {
                settings.validate();
            }
            else
            {
                settings.validateRead();
            }
        }
        catch (final ConfigException ex)
        {
            System.err.println("semisync-replica: " + ex.getMessage());
            return 2;
        }
        final Path dataDir = settings.get(Settings.DATA_DIR);
        if (dataDir == null)
        {
            System.err.println("semisync-replica: no data directory: set " + Settings.DATA_DIR.flag());
            return 2;
        }
        if (output != null && fromPosition != null)
        {
            System.err.println("semisync-replica: --from-position is for standard output; a --output file resumes after its own last line");
            return 2;
        }
        final String kafka = settings.get(Settings.CDC_KAFKA_BOOTSTRAP);
        if (kafka != null && (output != null || fromPosition != null))
        {
            System.err.println("semisync-replica: " + Settings.CDC_KAFKA_BOOTSTRAP.flag() + " publishes to Kafka, which keeps its own "
                + "position: leave out --output and --from-position");
            return 2;
        }
        final Path relayLogDir = DataDirectory.relayLogOf(dataDir);
        if (!Files.isDirectory(relayLogDir))
        {
            System.err.println("semisync-replica: " + dataDir + " holds no relay log (no " + relayLogDir.getFileName()
                + " directory): name the replica's data directory in " + Settings.DATA_DIR.flag());
            return 2;
        }
        if (kafkaArchive && kafka == null)
        {
            System.err.println("semisync-replica: --kafka-archive publishes to Kafka: name the cluster in " + Settings.CDC_KAFKA_BOOTSTRAP.flag());
            return 2;
        }
        // --kafka-archive publishes the relay log's transactions raw, instead of the change feed
        try (RelayLog relayLog = RelayLog.open(new RelayLogConfig().directory(relayLogDir).readOnly(true).validate());
            KafkaArchivePublisher archive = kafkaArchive ? new KafkaArchivePublisher(relayLog, kafkaSettings(settings, dataDir, "archive")) : null;
            ChangeOutput out = kafkaArchive ? null : openOutput(settings, dataDir);
            ColumnNames columnNames = !kafkaArchive && settings.get(Settings.CDC_SOURCE_COLUMNS) ? SourceColumnNames.connect(settings.connectionConfig()) : null;
            ChangeFeed feed = kafkaArchive ? null : new ChangeFeed(relayLog, out, new TableFilter(includes, excludes), columnNames,
                settings.get(Settings.CDC_MAX_UNCOMPRESSED_BYTES)))
        {
            if (follow)
            {
                follow(archive != null ? archive::doWork : feed::doWork);
            }
            else if (archive != null)
            {
                archive.drain();
            }
            else
            {
                feed.drain();
            }
            return 0;
        }
        catch (final CdcException | RelayLogException ex)
        {
            System.err.println("semisync-replica: " + ex.getMessage());
            return 1;
        }
        finally
        {
            closed.countDown();
        }
    }

    private static KafkaSinkSettings kafkaSettings(final ReplicaConfig settings, final Path dataDir, final String feed)
    {
        final String prefix = settings.get(Settings.CDC_KAFKA_TOPIC_PREFIX);
        final String transactionalId = settings.get(Settings.CDC_KAFKA_TRANSACTIONAL_ID);
        final Long partitions = settings.get(Settings.CDC_KAFKA_TOPIC_PARTITIONS);
        final Long replicationFactor = settings.get(Settings.CDC_KAFKA_REPLICATION_FACTOR);
        final KafkaTopicSettings topics = new KafkaTopicSettings(Optional.ofNullable(partitions).map(Long::intValue),
            Optional.ofNullable(replicationFactor).map(Long::shortValue), settings.get(Settings.CDC_KAFKA_TOPIC_CONFIG));
        return new KafkaSinkSettings(settings.get(Settings.CDC_KAFKA_BOOTSTRAP), prefix, settings.get(Settings.CDC_KAFKA_TOPIC_PER),
            transactionalId != null ? transactionalId + "-" + feed : KafkaSinkSettings.transactionalIdOf(dataDir, prefix, feed), topics,
            KafkaSinkStatusFiles.fileOf(dataDir, prefix + "-" + feed));
    }

    /** Kafka with {@code --kafka-bootstrap}, else the {@code --output} file, else standard output. */
    private ChangeOutput openOutput(final ReplicaConfig settings, final Path dataDir)
    {
        final String kafka = settings.get(Settings.CDC_KAFKA_BOOTSTRAP);
        if (kafka != null)
        {
            return KafkaChangeOutput.open(kafkaSettings(settings, dataDir, "cdc"));
        }
        return output != null ? FileChangeOutput.open(output)
            : new StreamChangeOutput(System.out, fromPosition == null ? ChangePosition.START : ChangePosition.parse(fromPosition));
    }

    /** Runs the feed until SIGTERM or Ctrl-C; the shutdown hook waits until the output is flushed and closed. */
    private void follow(final IntSupplier work)
    {
        final Thread shutdown = new Thread(() ->
        {
            running = false;
            try
            {
                closed.await();
            }
            catch (final InterruptedException ignored)
            {
                Thread.currentThread().interrupt();
            }
        }, "semisync-replica-cdc-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        final IdleStrategy idle = new SleepingMillisIdleStrategy(FOLLOW_IDLE_MILLIS);
        while (running)
        {
            idle.idle(work.getAsInt());
        }
    }
}
