package io.semisync.benchmarks.harness;

import io.semisync.sources.SourceServer;

import java.time.Duration;
import java.util.List;

/**
 * The source's binary log files and their sizes ({@code SHOW BINARY LOGS}), oldest first.
 */
record SourceBinlogs(List<SourceBinlogs.File> files)
{
    /** How long the binlog must stay the same to count as settled. */
    private static final Duration SETTLE = Duration.ofSeconds(1);
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(60);

    /** One binlog file; its size is also the end position of its last event. */
    record File(String name, long bytes)
    {
    }

    static SourceBinlogs of(final SourceServer source)
    {
        final List<File> files = source.query("SHOW BINARY LOGS").stream().map(row -> new File(row.get(0), Long.parseLong(row.get(1)))).toList();
        if (files.isEmpty())
        {
            throw new IllegalStateException("the source lists no binary log: is log_bin on? " + source);
        }
        return new SourceBinlogs(files);
    }

    /**
     * The binlog once it has stopped changing: MariaDB writes a BINLOG_CHECKPOINT event into the newest file some time
     * after a rotation, when the older file's transactions are durable in the engine, with nobody committing.
     */
    static SourceBinlogs settled(final SourceServer source)
    {
        final long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        SourceBinlogs last = of(source);
        while (true)
        {
            Pause.millis(SETTLE.toMillis(), "the source's binlog to settle");
            final SourceBinlogs now = of(source);
            if (now.equals(last))
            {
                return now;
            }
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("the source's binlog kept changing for " + SETTLE_TIMEOUT.toSeconds() + " s: " + now);
            }
            last = now;
        }
    }

    long bytes()
    {
        return files.stream().mapToLong(File::bytes).sum();
    }

    File oldest()
    {
        return files.get(0);
    }

    File newest()
    {
        return files.get(files.size() - 1);
    }

    @Override
    public String toString()
    {
        return files.size() + " files " + oldest().name() + " to " + newest().name() + ", " + bytes() + " bytes";
    }
}
