package io.semisync.replica.cli;

import io.semisync.replica.DataDirectory;
import io.semisync.storage.RelayLogException;
import io.semisync.storage.relaylog.RelayLog;
import io.semisync.storage.relaylog.RelayLogConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToIntFunction;

/** Runs a command on the relay log of the data directory named with {@code --data-dir}, opened read-only. */
final class ReadOnlyRelayLog
{
    private ReadOnlyRelayLog()
    {
    }

    /**
     * Opens the relay log of {@code dataDir}, runs {@code command} on it and closes it. A data directory without a relay
     * log gives exit code 2; a {@link RelayLogException} or one of {@code reported} exit code 1, each with its message on
     * stderr.
     *
     * @return the command's exit code, or 1 or 2 as above.
     */
    static int run(final Path dataDir, final ToIntFunction<RelayLog> command, final List<Class<? extends RuntimeException>> reported)
    {
        final Path relayLogDir = DataDirectory.relayLogOf(dataDir);
        if (!Files.isDirectory(relayLogDir))
        {
            System.err.println("semisync-replica: " + dataDir + " holds no relay log (no " + relayLogDir.getFileName()
                + " directory): name the replica's data directory in --data-dir");
            return 2;
        }
        try (RelayLog relayLog = RelayLog.open(new RelayLogConfig().directory(relayLogDir).readOnly(true).validate()))
        {
            return command.applyAsInt(relayLog);
        }
        catch (final RuntimeException ex)
        {
            if (ex instanceof RelayLogException || reported.stream().anyMatch(type -> type.isInstance(ex)))
            {
                System.err.println("semisync-replica: " + ex.getMessage());
                return 1;
            }
            throw ex;
        }
    }
}
