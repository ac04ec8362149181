package io.semisync.benchmarks.harness;

import io.semisync.sources.SourceServer;

import java.util.List;

/**
 * The source's binary log files and their sizes ({@code SHOW BINARY LOGS}), oldest first.
 */
record SourceBinlogs(List<SourceBinlogs.File> files)
{
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
