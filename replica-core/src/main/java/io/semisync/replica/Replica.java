package io.semisync.replica;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.DecoderException;
import io.netty.util.concurrent.ScheduledFuture;
import io.semisync.protocol.ServerErrorException;
import io.semisync.protocol.binlog.BinlogChecksum;
import io.semisync.protocol.binlog.EventHeaderFlyweight;
import io.semisync.protocol.client.MySqlClient;
import io.semisync.protocol.client.MySqlConnection;
import io.semisync.protocol.client.NettyTransport;
import io.semisync.replica.config.ReplicaConfig;
import io.semisync.replica.config.Settings;
import io.semisync.replica.config.StartPosition;
import io.semisync.replica.session.BinlogPosition;
import io.semisync.replica.session.FatalReplicationException;
import io.semisync.replica.session.GtidState;
import io.semisync.replica.session.ReplicationSession;
import io.semisync.replica.session.ResumePoint;
import io.semisync.replica.session.SourceBinlogPositions;
import io.semisync.replica.source.SemisyncSupport;
import io.semisync.replica.source.SourceFacts;
import io.semisync.replica.source.SourceFactsReader;
import io.semisync.replica.stream.AckLatency;
import io.semisync.replica.stream.BinlogStreamHandler;
import io.semisync.replica.stream.ChainedAcks;
import io.semisync.replica.stream.LatencyTrace;
import io.semisync.replica.stream.StreamListener;
import io.semisync.replica.stream.WanEmulation;
import io.semisync.storage.RelayLogException;
import io.semisync.storage.RelayLogFullException;
import io.semisync.storage.relaylog.CommittedGtidHandler;
import io.semisync.storage.relaylog.GtidCheckpoint;
import io.semisync.storage.relaylog.RelayLog;
import io.semisync.storage.relaylog.RelayLogCompressor;
import io.semisync.storage.relaylog.RelayLogConfig;
import io.semisync.storage.relaylog.RelayLogFile;
import io.semisync.storage.relaylog.RelayLogReader;
import io.semisync.storage.relaylog.RelayLogWriter;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The semisync replica: owns the relay log and one connection to the source at a time. It resumes from
 * what the relay log holds, registers as a semisync replica when the source offers it, streams through
 * {@link BinlogStreamHandler}, and reconnects with capped exponential backoff when the stream breaks.
 * Everything runs on one event loop thread, the only one that touches the relay-log writer.
 */
public final class Replica implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(Replica.class);
    /** ER_MASTER_FATAL_ERROR_READING_BINLOG: the source cannot serve the position we asked for. */
    private static final int SOURCE_CANNOT_SERVE_POSITION = 1236;
    /** MariaDB's ER_SLAVE_SAME_ID: another replica with our server_id started a dump, and the source ended ours. */
    private static final int MARIADB_SLAVE_SAME_ID = 4052;
    /** How long {@link #status()} waits for the replica's thread before it answers with the last snapshot. */
    private static final Duration STATUS_WAIT = Duration.ofSeconds(1);

    private final ReplicaConfig config;
    private final Clock clock;
    private final EventLoopGroup group;
    private final EventLoop loop;
    private final MySqlClient client;
    private final AckLatency ackLatency = new AckLatency();
    private final RepeatedEventFailure repeatedFailure = new RepeatedEventFailure(ReplicaConfig.SAME_EVENT_FAILURES_BEFORE_STOP);
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private final String replicaUuid;
    private final DataDirectory dataDirectory;
    private final DownstreamReplicas downstreams = new DownstreamReplicas();
    /** The downstream ACKs our ACKs wait for ({@code --upstream-ack-waits-for}), null when they wait for none. */
    private final ChainedAcks chain;
    private final RelayLog relayLog;
    private volatile RelayLogProgress progress;
    private RelayLogWriter writer;
    private volatile long servableIndex = -1;
    private volatile byte[] formatDescription;
    private MySqlConnection connection;
    private ScheduledFuture<?> reconnect;
    private ScheduledFuture<?> retention;
    private volatile RelayLogCompressor compressor;
    private Duration backoff;
    private boolean closing;
    /** Set by {@link #stopReplication()}: no stream, no reconnect, until {@link #startReplication()}. */
    private boolean ioStopped;
    /**
     * The generation of the current connection: each attempt takes a new one, and so does the failure that ends it, so a
     * failure reported twice (the start future and the stream's close) schedules one reconnect, and anything an older
     * connection reports or stores afterwards is ignored or refused.
     */
    private long attempt;

    // Status: written and read on the event loop only, published as one ReplicaStatus snapshot.
    private ReplicaState state = ReplicaState.STARTING;
    private SemisyncMode semisync = SemisyncMode.UNKNOWN;
    private String source;
    private SourceFacts facts;
    private ReplicationError lastError = ReplicationError.NONE;
    private String resumedFrom = "";
    private boolean resumesByGtid = true;
    private String lastAckFile = "";
    private long lastAckPosition;
    private long connects;
    private long eventsStored;
    private long transactionsStored;
    private long acksSent;
    private volatile ReplicaStatus published;
    /** The distant-replica experiment of the current stream, empty if none. */
    private String experiment = "";
    private final LatencyTrace trace;

    private Replica(final ReplicaConfig config, final RelayLog relayLog, final DataDirectory dataDirectory, final Clock clock)
    {
        this.config = config;
        this.clock = clock;
        this.relayLog = relayLog;
        this.dataDirectory = dataDirectory;
        this.replicaUuid = dataDirectory.replicaUuid();
        this.formatDescription = dataDirectory.formatDescription().orElse(null);
        final NettyTransport transport = NettyTransport.best();
        this.group = transport.newEventLoopGroup(1);
        this.loop = group.next();
        this.client = MySqlClient.using(group, transport);
        this.backoff = config.get(Settings.RECONNECT_MIN_BACKOFF);
        this.source = config.sourceAddress();
        final Path tracePath = config.get(Settings.LATENCY_TRACE);
        this.trace = tracePath == null ? null : LatencyTrace.open(tracePath, config.get(Settings.LATENCY_TRACE_MAX_MB) << 20);
        ackLatency.traceTo(trace);
        final long chainedAcks = config.get(Settings.UPSTREAM_ACK_WAITS_FOR);
        this.chain = chainedAcks == 0 ? null : new ChainedAcks((int)chainedAcks, config.get(Settings.UPSTREAM_ACK_TIMEOUT).toNanos());
        this.published = snapshot();
    }

    /**
     * Validates the configuration, opens (and recovers) the relay log and starts replicating in the
     * background.
     *
     * @throws io.semisync.replica.config.ConfigException for a bad configuration
     * @throws RelayLogException when the relay log cannot be opened or its sync is not real
     */
    public static Replica start(final ReplicaConfig config)
    {
        return start(config, Clock.systemDefaultZone());
    }

    /** As {@link #start(ReplicaConfig)}, with the clock that times errors and stored events. */
    public static Replica start(final ReplicaConfig config, final Clock clock)
    {
        config.validate();
        final DataDirectory dataDirectory = DataDirectory.open(config.get(Settings.DATA_DIR));
        final RelayLogConfig relayLogConfig = new RelayLogConfig().directory(dataDirectory.relayLog());
        if (config.get(Settings.RETENTION_MAX_AGE) != null)
        {
            relayLogConfig.retentionMaxAge(config.get(Settings.RETENTION_MAX_AGE));
        }
        relayLogConfig.retentionMaxBytes(config.get(Settings.RETENTION_MAX_BYTES))
            .rollCycle(config.get(Settings.RELAY_LOG_FILES).rollCycle())
            .retentionReaderMaxBytes(config.get(Settings.RETENTION_READER_MAX_BYTES))
            .retentionReaderExpiry(config.get(Settings.RETENTION_READER_EXPIRY))
            .compressClosedFiles(config.get(Settings.COMPRESS_RELAY_LOG))
            .ackJournalSize(config.get(Settings.ACK_JOURNAL_MB) << 20)
            .blockSize(config.relayLogBlockSize());
        final RelayLog relayLog = RelayLog.open(relayLogConfig.validate());
        final Replica replica = new Replica(config, relayLog, dataDirectory, clock);
        try
        {
            replica.loop.submit(replica::openWriterAndConnect).get();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            replica.close();
            throw new IllegalStateException("interrupted while starting the replica", ex);
        }
        catch (final ExecutionException ex)
        {
            replica.close();
            throw ex.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(ex.getCause());
        }
        return replica;
    }

    /**
     * A consistent snapshot, taken on the replica's thread (waiting at most {@link #STATUS_WAIT} for it; the last one
     * taken when it is busy longer or stopped).
     */
    public ReplicaStatus status()
    {
        if (loop.inEventLoop() || group.isTerminated())
        {
            return snapshot();
        }
        return BoundedWait.answer(loop, this::snapshot, STATUS_WAIT, () -> published);
    }

    private ReplicaStatus snapshot()
    {
        final String lastAck = lastAckFile.isEmpty() ? "" : lastAckFile + ":" + lastAckPosition;
        final String storedFile = writer == null || writer.lastDurableCommitSourceFileName() == null ? ""
            : writer.lastDurableCommitSourceFileName();
        final long storedPosition = storedFile.isEmpty() ? 0 : writer.lastDurableCommitEndPosition();
        final long storedIndex = writer == null ? -1 : writer.lastDurableCommitIndex();
        final ReplicaStatus status = new ReplicaStatus(state, semisync, source, facts == null ? 0 : facts.serverId(),
            facts == null ? "" : facts.serverUuid(), connects, eventsStored, transactionsStored, acksSent,
            writer == null ? 0 : writer.ackJournalWrites(), lastAck, storedFile,
            storedPosition, storedIndex, resumesByGtid, resumedFrom, lastError, experiment);
        published = status;
        return status;
    }

    /** What the relay log holds, followed as it grows: the last stored event's times and the GTIDs stored. */
    public StoredProgress storedProgress()
    {
        final RelayLogProgress follower = progress;
        return follower == null ? StoredProgress.NONE : follower.refresh();
    }

    /** The UUID the replica reports to the source, kept in its data directory. */
    public String replicaUuid()
    {
        return replicaUuid;
    }

    /** The settings this replica runs with; dynamic ones may change ({@link ReplicaConfig#setDynamic}). */
    public ReplicaConfig config()
    {
        return config;
    }

    /** A new reader of the relay log from its start, for one thread. */
    public RelayLogReader openRelayLogReader()
    {
        return relayLog.openReader();
    }

    /** The relay log, for readers and searches of what it holds (its writer belongs to the replica). */
    public RelayLog relayLog()
    {
        return relayLog;
    }

    /** The relay log index of the last durable commit point: what may be served downstream; -1 before any. */
    public long servableIndex()
    {
        return servableIndex;
    }

    /**
     * The last FORMAT_DESCRIPTION event the source sent (checksum included), kept in the data directory across restarts;
     * empty before the first connection.
     */
    public Optional<byte[]> sourceFormatDescription()
    {
        final byte[] event = formatDescription;
        return event == null ? Optional.empty() : Optional.of(event.clone());
    }

    /**
     * The relay log's GTID checkpoint: the GTIDs had up to a stored index, those the relay log holds and those it does
     * not (what the source had purged when this node began, what retention deleted); empty before the first start.
     */
    public Optional<GtidCheckpoint> gtidCheckpoint()
    {
        return relayLog.gtidCheckpoint();
    }

    /** Delivers the GTID of every transaction the relay log holds, in log order, from any thread. */
    public void scanStoredGtids(final CommittedGtidHandler handler)
    {
        relayLog.scanCommittedGtids(-1, handler);
    }

    /** The downstream ACKs our ACKs to the source wait for, empty unless {@code --upstream-ack-waits-for} is set. */
    public Optional<ChainedAcks> chainedAcks()
    {
        return Optional.ofNullable(chain);
    }

    /** The replicas registered on the replication endpoint. */
    public DownstreamReplicas downstreams()
    {
        return downstreams;
    }

    /** The relay log's files, oldest first. */
    public List<RelayLogFile> relayLogFiles()
    {
        return relayLog.files();
    }

    /**
     * Stops replicating (MySQL's {@code STOP REPLICA IO_THREAD}): closes the connection to the source and does not
     * reconnect; the relay log stays open and everything stored stays durable. Completes when the connection is closed.
     */
    public CompletableFuture<Void> stopReplication()
    {
        return CompletableFuture.supplyAsync(() ->
        {
            if (ioStopped || state == ReplicaState.FAILED)
            {
                return null;
            }
            ioStopped = true;
            attempt++;
            cancelReconnect();
            state = ReplicaState.IO_STOPPED;
            semisync = SemisyncMode.UNKNOWN;
            final MySqlConnection open = connection;
            connection = null;
            LOG.info("replication stopped by the operator; the relay log stays open");
            return open;
        }, loop).thenCompose(open -> open == null ? CompletableFuture.completedFuture(null) : open.close());
    }

    /**
     * Starts replicating again after {@link #stopReplication()} (MySQL's {@code START REPLICA IO_THREAD}), reading the
     * semisync switch afresh; does nothing while replication runs.
     *
     * @throws IllegalStateException (through the future) when the replica stopped on a problem retrying cannot fix
     */
    public CompletableFuture<Void> startReplication()
    {
        return CompletableFuture.runAsync(() ->
        {
            if (state == ReplicaState.FAILED)
            {
                throw new IllegalStateException("replication stopped for good: " + lastError.message()
                    + "; fix the cause and restart the replica");
            }
            if (!ioStopped || closing)
            {
                return;
            }
            ioStopped = false;
            lastError = ReplicationError.NONE;
            backoff = config.get(Settings.RECONNECT_MIN_BACKOFF);
            LOG.info("replication started by the operator");
            connect();
        }, loop);
    }

    /** ACK latency recorded so far. */
    public AckLatency ackLatency()
    {
        return ackLatency.copy();
    }

    /** Completes when the replica has stopped; exceptionally when it stopped on a fatal problem. */
    public CompletableFuture<Void> terminated()
    {
        return terminated;
    }

    private void openWriterAndConnect()
    {
        writer = relayLog.openWriter();
        servableIndex = writer.lastDurableCommitIndex();
        progress = RelayLogProgress.start(relayLog, writer.lastAppendedIndex());
        LOG.info("relay log {}: recovered {}", relayLog.directory(), relayLog.recoveredPosition());
        final long period = ReplicaConfig.RETENTION_PERIOD.toMillis();
        retention = loop.scheduleWithFixedDelay(this::applyRetention, period, period, TimeUnit.MILLISECONDS);
        if (config.get(Settings.COMPRESS_RELAY_LOG))
        {
            compressor = RelayLogCompressor.start(relayLog, ReplicaConfig.RETENTION_PERIOD);
        }
        connect();
    }

    /**
     * Moves the checkpoint up to the last commit point, so that retention may delete every file before it and recovery
     * after a crash checks only what was stored since, then applies retention when it is configured. Runs on the event
     * loop between reads; a failure is logged and retried next time, unless the relay-log writer has failed for good.
     */
    private void applyRetention()
    {
        final Optional<GtidCheckpoint> checkpoint = relayLog.gtidCheckpoint();
        if (closing || checkpoint.isEmpty())
        {
            return;
        }
        try
        {
            writer.sync();
            if (writer.lastDurableCommitIndex() != checkpoint.get().coveredIndex())
            {
                final byte[] state = currentPoint(ResumePoint.fromCheckpoint(checkpoint.get().state()), checkpoint).toCheckpoint();
                writer.writeGtidCheckpoint(writer.lastDurableCommitIndex(), new UnsafeBuffer(state), 0, state.length);
            }
            if (config.get(Settings.RETENTION_MAX_AGE) != null || config.get(Settings.RETENTION_MAX_BYTES) > 0)
            {
                relayLog.applyRetention();
            }
        }
        catch (final RuntimeException ex)
        {
            if (writer.hasFailed())
            {
                stopForGood(ex);
                return;
            }
            LOG.warn("relay-log checkpoint or retention failed, retrying in {} s: {}", ReplicaConfig.RETENTION_PERIOD.toSeconds(),
                describe(ex));
        }
    }

    /**
     * Stops replicating on a problem retrying cannot fix (a failed sync leaves the relay-log writer unusable): closes
     * the connection, reports the error and completes {@link #terminated()} exceptionally.
     */
    private void stopForGood(final Throwable cause)
    {
        if (state == ReplicaState.FAILED)
        {
            return;
        }
        endConnection(cause);
        state = ReplicaState.FAILED;
        LOG.error("replication stopped: {}", lastError.message());
        terminated.completeExceptionally(cause);
    }

    private void connect()
    {
        if (closing || ioStopped)
        {
            return;
        }
        final long current = ++attempt;
        state = ReplicaState.CONNECTING;
        client.connect(config.connectionConfig())
            .thenCompose(connected ->
            {
                if (current != attempt)
                {
                    connected.close();
                    throw new CancellationException("replication was stopped while connecting");
                }
                connection = connected;
                return SourceFactsReader.read(connected);
            })
            .thenComposeAsync(read -> initialPoint(read).thenComposeAsync(initial -> startStream(current, read, initial), loop), loop)
            .whenCompleteAsync((ignored, failure) ->
            {
                if (failure != null)
                {
                    onFailure(current, failure);
                }
            }, loop);
    }

    /**
     * Where a relay log that holds nothing yet starts, from the configured start position: GTIDs, or a binlog
     * position when the source has no GTIDs. Empty when the relay log holds something.
     */
    private CompletableFuture<Optional<ResumePoint>> initialPoint(final SourceFacts facts)
    {
        if (relayLog.gtidCheckpoint().isPresent() || writer.lastAppendedIndex() >= 0)
        {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        final boolean current = config.get(Settings.START_POSITION) == StartPosition.CURRENT;
        if (!facts.gtids())
        {
            return (current ? SourceBinlogPositions.current(connection) : SourceBinlogPositions.oldest(connection))
                .thenApply(Optional::of);
        }
        if (current || facts.isMariadb())
        {
            return CompletableFuture.completedFuture(Optional.of(sourceGtids(facts, current ? facts.gtidPosition() : "")));
        }
        return connection.query("SELECT @@global.gtid_purged")
            .thenApply(result -> Optional.of(sourceGtids(facts, result.rows().get(0).isNull(0) ? "" : result.rows().get(0).getString(0))));
    }

    /** The source's GTID text as a state; text this replica cannot read stops it with the reason. */
    private GtidState sourceGtids(final SourceFacts facts, final String text)
    {
        try
        {
            return GtidState.of(facts.isMariadb(), text);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new FatalReplicationException("cannot start from the GTIDs of " + config.sourceAddress() + ": " + ex.getMessage(), ex);
        }
    }

    private CompletableFuture<Void> startStream(final long current, final SourceFacts facts, final Optional<ResumePoint> initial)
    {
        if (current != attempt)
        {
            return CompletableFuture.failedFuture(new CancellationException("replication was stopped while connecting"));
        }
        writer.discardIncompleteTransaction();
        // A stream that broke in the middle of a read may leave complete transactions appended but not yet
        // synced. The GTID set below is read from everything appended, while the checkpoint's index and the
        // position the new stream skips up to come from the last durable commit: make them the same.
        writer.sync();
        final ResumePoint resume = resumePoint(facts, initial);
        final byte[] checkpoint = resume.toCheckpoint();
        writer.writeGtidCheckpoint(writer.lastDurableCommitIndex(), new UnsafeBuffer(checkpoint), 0, checkpoint.length);
        resumesByGtid = resume instanceof GtidState;
        resumedFrom = (resumesByGtid ? "GTIDs [" : "position [") + resume + "]";
        this.facts = facts;
        source = config.sourceAddress() + " (" + facts.flavor() + " " + facts.version() + ", server_id " + facts.serverId() + ")";
        final boolean semisyncEnabled = config.get(Settings.SEMISYNC);
        final boolean semisyncActive = semisyncEnabled && facts.semisync() == SemisyncSupport.ENABLED;
        semisync = !semisyncEnabled ? SemisyncMode.DISABLED_BY_CONFIG
            : facts.semisync() == SemisyncSupport.ENABLED ? SemisyncMode.ACTIVE
            : facts.semisync() == SemisyncSupport.DISABLED ? SemisyncMode.SOURCE_DISABLED
            : SemisyncMode.SOURCE_NOT_INSTALLED;
        final WanEmulation wan = config.wanEmulation();
        final BinlogStreamHandler handler = new BinlogStreamHandler(writer, facts.crc32(), semisyncActive, facts.isMariadb(),
            writer.lastDurableCommitSourceFileName(), writer.lastDurableCommitEndPosition(), config.get(Settings.HEARTBEAT),
            config.syncPolicy(), wan, chain, new Listener(current), ackLatency);
        return ReplicationSession.start(connection, facts, config.get(Settings.SERVER_ID), replicaUuid, config.get(Settings.HEARTBEAT),
                semisyncActive, resume, handler)
            .thenRunAsync(() ->
            {
                if (current != attempt)
                {
                    return;
                }
                connects++;
                state = ReplicaState.STREAMING;
                backoff = config.get(Settings.RECONNECT_MIN_BACKOFF);
                LOG.info("streaming from {} after {}; {}", source, resumedFrom, semisync.description());
                experiment = wan.active() ? wan.describe() : "";
                if (wan.active())
                {
                    LOG.warn("EXPERIMENT {}: this replica behaves as one further away from the source, whose commits wait longer "
                        + "than with this replica in production; measure with it, do not run it so", experiment);
                }
            }, loop);
    }

    /**
     * Where this stream starts. A relay log keeps the kind it started with: GTIDs when the source had them, or
     * binlog file and position (the end of the last stored transaction) when it had not.
     */
    private ResumePoint resumePoint(final SourceFacts facts, final Optional<ResumePoint> initial)
    {
        final Optional<GtidCheckpoint> checkpoint = relayLog.gtidCheckpoint();
        final ResumePoint saved = checkpoint.map(c -> ResumePoint.fromCheckpoint(c.state())).or(() -> initial).orElseThrow(
            () -> new FatalReplicationException("the relay log in " + relayLog.directory() + " holds events but no checkpoint: it cannot "
                + "tell which transactions it has; move it away to start afresh"));
        if (saved instanceof GtidState gtids)
        {
            checkSourceMatches(facts, gtids);
        }
        return currentPoint(saved, checkpoint);
    }

    /** The state a checkpoint (or a first start) holds, moved up to the last durable commit point. */
    private ResumePoint currentPoint(final ResumePoint saved, final Optional<GtidCheckpoint> checkpoint)
    {
        if (saved instanceof BinlogPosition start)
        {
            final String file = writer.lastDurableCommitSourceFileName();
            return file == null ? start : new BinlogPosition(file, writer.lastDurableCommitEndPosition());
        }
        final GtidState gtids = (GtidState)saved;
        checkpoint.ifPresent(saving -> relayLog.scanCommittedGtids(saving.coveredIndex(),
            (index, kind, buffer, offset, length) -> gtids.add(kind, buffer, offset, length)));
        return gtids;
    }

    private void checkSourceMatches(final SourceFacts facts, final GtidState gtids)
    {
        if (!facts.gtids())
        {
            throw new FatalReplicationException("the relay log in " + relayLog.directory() + " resumes by GTID but " + config.sourceAddress()
                + " has gtid_mode OFF: set gtid_mode=ON on the source, or replicate into a new data directory, which then follows the "
                + "source by binlog file and position");
        }
        if (gtids.isMariadb() != facts.isMariadb())
        {
            throw new FatalReplicationException("the relay log in " + relayLog.directory() + " was written from a "
                + (gtids.isMariadb() ? "MariaDB" : "MySQL") + " source but " + config.sourceAddress() + " is " + facts.flavor()
                + ": use another data directory");
        }
    }

    private void onFailure(final long failed, final Throwable failure)
    {
        if (failed != attempt || closing || ioStopped)
        {
            return;
        }
        final Throwable reported = sameServerIdOnMariadb(unwrap(failure));
        final FatalReplicationException repeated = repeatedFailure.onFailure(reported, writer.lastDurableCommitSourceFileName() + ":"
            + writer.lastDurableCommitEndPosition());
        final Throwable cause = repeated != null ? repeated : reported;
        if (isFatal(cause))
        {
            stopForGood(cause);
            return;
        }
        endConnection(cause);
        state = ReplicaState.WAITING_TO_RECONNECT;
        if (cause instanceof RelayLogFullException)
        {
            // every connect succeeds and resets the backoff, so a full disk would otherwise be retried every 100 ms
            backoff = config.get(Settings.RECONNECT_MAX_BACKOFF);
        }
        LOG.warn("replication from {} interrupted: {}; reconnecting in {} ms", config.sourceAddress(), lastError.message(),
            backoff.toMillis());
        reconnect = loop.schedule(this::connect, backoff.toMillis(), TimeUnit.MILLISECONDS);
        final Duration doubled = backoff.multipliedBy(2);
        final Duration max = config.get(Settings.RECONNECT_MAX_BACKOFF);
        backoff = doubled.compareTo(max) > 0 ? max : doubled;
    }

    /**
     * Ends the current connection's generation (anything it reports or stores afterwards is ignored or refused), closes
     * it and records why.
     */
    private void endConnection(final Throwable cause)
    {
        attempt++;
        cancelReconnect();
        if (connection != null)
        {
            connection.close();
            connection = null;
        }
        lastError = ReplicationError.of(cause, state == ReplicaState.STREAMING, clock.instant());
        semisync = SemisyncMode.UNKNOWN;
    }

    private void cancelReconnect()
    {
        if (reconnect != null)
        {
            reconnect.cancel(false);
            reconnect = null;
        }
    }

    /** A full relay-log disk is not fatal: nothing was stored of the refused record, and reconnecting resumes once space is freed. */
    private static boolean isFatal(final Throwable cause)
    {
        return cause instanceof FatalReplicationException
            || cause instanceof RelayLogException && !(cause instanceof RelayLogFullException)
            || (cause instanceof ServerErrorException error && error.errorCode() == SOURCE_CANNOT_SERVE_POSITION);
    }

    /**
     * MariaDB ends a dump when another replica with the same server_id starts one (ER_SLAVE_SAME_ID, which only a newer
     * connection causes, never the leftover of our own earlier one): say what to do and stop, so the two stop taking turns.
     */
    private Throwable sameServerIdOnMariadb(final Throwable cause)
    {
        if (cause instanceof ServerErrorException error && error.errorCode() == MARIADB_SLAVE_SAME_ID)
        {
            return new FatalReplicationException("the source ended our binlog dump because another replica with our server_id "
                + config.get(Settings.SERVER_ID) + " connected to it (" + error.getMessage() + "): give each replica of the source a "
                + "server_id of its own (--server-id) and restart", error);
        }
        return cause;
    }

    private static String describe(final Throwable cause)
    {
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    private static Throwable unwrap(final Throwable failure)
    {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof DecoderException) && cause.getCause() != null)
        {
            cause = cause.getCause();
        }
        return cause;
    }

    /**
     * Stops replicating, makes everything stored durable and closes the relay log.
     *
     * @throws RelayLogException when the final sync failed (everything acknowledged was synced before its ACK; what was
     *                           stored since may be lost); the replica is closed all the same
     */
    @Override
    public void close()
    {
        RelayLogException finalSyncFailure = null;
        try
        {
            loop.submit(() ->
            {
                closing = true;
                cancelReconnect();
                if (retention != null)
                {
                    retention.cancel(false);
                }
                if (connection != null)
                {
                    connection.close();
                }
            }).get(10, TimeUnit.SECONDS);
            finalSyncFailure = loop.submit(this::syncAndCloseWriter).get(10, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        catch (final ExecutionException | TimeoutException ex)
        {
            finalSyncFailure = new RelayLogException("the final sync of the relay log in " + relayLog.directory() + " did not complete: "
                + ex.getMessage() + "; events stored since the last ACK may be lost (every acknowledged one was synced before its ACK)",
                ex);
        }
        finally
        {
            client.close();
            if (progress != null)
            {
                progress.close();
            }
            group.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
            if (compressor != null)
            {
                compressor.close();
            }
            relayLog.close();
            if (trace != null)
            {
                trace.close();
            }
            if (state != ReplicaState.FAILED)
            {
                state = ReplicaState.STOPPED;
            }
            if (finalSyncFailure != null)
            {
                terminated.completeExceptionally(finalSyncFailure);
            }
            terminated.complete(null);
        }
        if (finalSyncFailure != null)
        {
            throw finalSyncFailure;
        }
    }

    /** Syncs and closes the writer; returns the sync's failure, if any, for {@link #close()} to report. */
    private RelayLogException syncAndCloseWriter()
    {
        if (writer == null)
        {
            return null;
        }
        try
        {
            if (writer.hasFailed())
            {
                // a sync failed earlier and stopped replication with its own error: there is nothing a final sync could make durable
                return null;
            }
            writer.sync();
            return null;
        }
        catch (final RelayLogException ex)
        {
            LOG.error("the final sync of the relay log failed: {}", describe(ex));
            return new RelayLogException("the final sync of the relay log in " + relayLog.directory() + " failed: " + ex.getMessage()
                + "; events stored since the last ACK may be lost (every acknowledged one was synced before its ACK)", ex);
        }
        finally
        {
            writer.close();
        }
    }

    /** Counts what one stream does and reconnects when it ends; runs on the event loop. */
    private final class Listener implements StreamListener
    {
        private final long stream;

        Listener(final long stream)
        {
            this.stream = stream;
        }

        @Override
        public boolean isCurrent()
        {
            return stream == attempt;
        }

        @Override
        public void onEventStored(final int type, final boolean completesTransaction)
        {
            eventsStored++;
            if (completesTransaction)
            {
                transactionsStored++;
                // what a background sync made durable shows here; an ACK's sync shows in onAck
                servableIndex = writer.lastDurableCommitIndex();
            }
        }

        @Override
        public void onFormatDescription(final DirectBuffer event, final int offset, final int length)
        {
            final byte[] copy = new byte[length];
            event.getBytes(offset, copy);
            if (!sameFormat(formatDescription, copy))
            {
                dataDirectory.keepFormatDescription(copy);
            }
            formatDescription = copy;
        }

        /** Whether two FORMAT_DESCRIPTION events describe the same format: their bodies, not log_pos, flags or checksum. */
        private static boolean sameFormat(final byte[] kept, final byte[] event)
        {
            return kept != null && kept.length == event.length && Arrays.equals(kept, EventHeaderFlyweight.LENGTH,
                kept.length - BinlogChecksum.LENGTH, event, EventHeaderFlyweight.LENGTH, event.length - BinlogChecksum.LENGTH);
        }

        @Override
        public void onSyncedForChain()
        {
            servableIndex = writer.lastDurableCommitIndex();
        }

        @Override
        public void onSyncedInBackground()
        {
            servableIndex = writer.lastDurableCommitIndex();
        }

        @Override
        public void onAck(final String file, final long position)
        {
            acksSent++;
            servableIndex = writer.lastDurableCommitIndex();
            lastAckPosition = position;
            lastAckFile = file;
        }

        @Override
        public void onStreamClosed(final Throwable cause)
        {
            onFailure(stream, cause != null ? cause : new java.io.EOFException("the source closed the connection"));
        }
    }
}
