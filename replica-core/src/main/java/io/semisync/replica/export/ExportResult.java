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
 * @param filesFromTheirMiddle files the relay log holds from a transaction in their middle: their transactions follow
 *                  the file's header (or, where that was not stored, the next file's FORMAT_DESCRIPTION) at once, so
 *                  they sit earlier than the positions in their headers
 */
public record ExportResult(List<String> files, Path indexFile, long events, long bytes, List<String> filesFromTheirMiddle)
{
}
