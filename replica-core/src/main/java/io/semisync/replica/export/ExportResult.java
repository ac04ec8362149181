package io.semisync.replica.export;

import java.nio.file.Path;
import java.util.List;

/**
 * What an export wrote.
 *
 * @param files     the binlog files, in order, as the index lists them
 * @param indexFile the index file
 * @param events    events written
 * @param bytes     bytes written in the binlog files
 */
public record ExportResult(List<String> files, Path indexFile, long events, long bytes)
{
}
