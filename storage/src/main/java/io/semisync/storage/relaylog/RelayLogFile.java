package io.semisync.storage.relaylog;

import java.nio.file.Path;

/**
 * One file of a relay log: a Chronicle Queue cycle file, the unit retention deletes.
 *
 * @param path where it is
 * @param size its length in bytes (Chronicle grows files in blocks, so this is at least what it holds)
 */
public record RelayLogFile(Path path, long size)
{
    /** The file's name, e.g. {@code 20261206-13.cq4}. */
    public String name()
    {
        return path.getFileName().toString();
    }
}
