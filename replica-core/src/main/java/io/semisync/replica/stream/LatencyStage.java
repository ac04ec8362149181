package io.semisync.replica.stream;

import java.util.List;

/**
 * Where an acknowledged transaction's time goes, from its commit on the source to our ACK leaving. The first six
 * stages follow each other, so they add up to {@link #COMMIT_TO_ACK}; {@link #TOTAL} is our own part of it.
 */
public enum LatencyStage
{
    SOURCE("source", "From the commit on the source (the GTID event's immediate_commit_timestamp, MySQL 8.0+) to the arrival "
        + "of the transaction's first bytes: the source's binlog flush and sync, its dump thread and the network; compares "
        + "two hosts' clocks"),
    RECEIVE("receive", "From the arrival of the transaction's first bytes to the arrival of its last"),
    WAITING("waiting", "From the arrival of the transaction's last bytes to the start of the sync that covers it: the rest "
        + "of the read is stored"),
    SYNC("sync", "The relay-log sync that covers the transaction"),
    DELAY("delay", "The emulated ACK delay (--ack-delay, an experiment); 0 otherwise"),
    SEND("send", "Encoding and writing the ACK"),
    TOTAL("total", "From the arrival of the transaction's last bytes to its ACK leaving: our whole part"),
    COMMIT_TO_ACK("commit-to-ack", "From the commit on the source to our ACK leaving (MySQL 8.0+ sources)");

    /** The stages that follow each other from the commit to the ACK. */
    public static final List<LatencyStage> SEQUENCE = List.of(SOURCE, RECEIVE, WAITING, SYNC, DELAY, SEND);

    private final String label;
    private final String description;

    LatencyStage(final String label, final String description)
    {
        this.label = label;
        this.description = description;
    }

    /** The stage's name in printed tables, status variables ({@code -} as {@code _}) and metric labels. */
    public String label()
    {
        return label;
    }

    public String description()
    {
        return description;
    }

    /** Whether this stage needs the source's commit time, which only MySQL 8.0+ sends to the microsecond. */
    public boolean needsCommitTime()
    {
        return this == SOURCE || this == COMMIT_TO_ACK;
    }
}
