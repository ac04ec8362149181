package io.semisync.storage.relaylog;

import java.nio.file.Path;
import java.util.List;

/**
 * What one retention pass deleted.
 *
 * @param deletedFiles cycle files deleted, oldest first.
 * @param bytesFreed   their total size in bytes.
 */
public record RetentionResult(List<Path> deletedFiles, long bytesFreed)
{
    /**
     * @param deletedFiles cycle files deleted, oldest first.
     * @param bytesFreed   their total size in bytes.
     */
    public RetentionResult
    {
        deletedFiles = List.copyOf(deletedFiles);
    }
}
