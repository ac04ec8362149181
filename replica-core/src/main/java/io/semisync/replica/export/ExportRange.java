package io.semisync.replica.export;

import java.time.Instant;

/**
 * What to export. Files: from {@code fromFile} to {@code toFile}, both included; null means from the first file the
 * relay log holds, or to the last. Then, within those, the export ends at the first of:
 * <ul>
 * <li>{@code untilGtid}: the transaction with this GTID ({@code uuid:gno}, {@code uuid:tag:gno} or
 * {@code domain-server-seq}), included (MySQL Shell's {@code stopAfter}) or, with {@code excludeUntilGtid}, left out
 * ({@code stopBefore});</li>
 * <li>{@code stopDatetime}: before the first transaction whose first event is stamped at or after it, as
 * mysqlbinlog's {@code --stop-datetime} leaves out events from that second on.</li>
 * </ul>
 */
public record ExportRange(String fromFile, String toFile, String untilGtid, boolean excludeUntilGtid, Instant stopDatetime)
{
    /** Every file the relay log holds, to its last commit point. */
    public static final ExportRange ALL = new ExportRange(null, null, null, false, null);

    /** The files {@code fromFile} to {@code toFile} (null: from the first, to the last), to the last commit point. */
    public static ExportRange files(final String fromFile, final String toFile)
    {
        return new ExportRange(fromFile, toFile, null, false, null);
    }
}
