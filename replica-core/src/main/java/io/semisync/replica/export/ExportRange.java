package io.semisync.replica.export;

/**
 * Which source binlog files to export: from {@code fromFile} to {@code toFile}, both included; null means from the
 * first file the relay log holds, or to the last.
 */
public record ExportRange(String fromFile, String toFile)
{
    /** Every file the relay log holds. */
    public static final ExportRange ALL = new ExportRange(null, null);
}
