package io.semisync.sources;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The file system a local server runs in: the host's, or a provisioned chroot (run with {@code chroot}, so its
 * newer libraries stay out of the host). A server in a chroot keeps its data inside it, under {@code /srv/semisync},
 * and sees paths relative to it.
 */
final class ServerRoot
{
    private final Optional<Path> chroot;

    private ServerRoot(final Optional<Path> chroot)
    {
        this.chroot = chroot;
    }

    static ServerRoot host()
    {
        return new ServerRoot(Optional.empty());
    }

    static ServerRoot chroot(final Path root)
    {
        return new ServerRoot(Optional.of(root));
    }

    /** The command line that runs {@code program} (a path as the server sees it) with {@code arguments}. */
    List<String> command(final String program, final String... arguments)
    {
        final List<String> command = new ArrayList<>();
        chroot.ifPresent(root -> command.addAll(List.of("chroot", root.toString())));
        command.add(program);
        command.addAll(List.of(arguments));
        return command;
    }

    /** Where the instance directories of servers in this root go. */
    Path instanceParent()
    {
        return chroot.map(root -> root.resolve("srv").resolve("semisync"))
            .orElseGet(() -> Path.of(System.getProperty("java.io.tmpdir"), "semisync-sources"));
    }

    /** A path on this machine as the server process sees it. */
    String serverPath(final Path path)
    {
        return chroot.map(root -> "/" + root.relativize(path)).orElseGet(path::toString);
    }

    /** Makes the CA, server certificate and key readable by the server; returns their directory as it sees it. */
    String serverTlsDir(final Path instanceDir, final TlsFiles tls) throws IOException
    {
        if (chroot.isEmpty())
        {
            return tls.ca().getParent().toString();
        }
        final Path dir = Files.createDirectories(instanceDir.resolve("tls"));
        for (final String name : TlsFiles.SERVER_FILES)
        {
            Files.copy(tls.ca().resolveSibling(name), dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
        return serverPath(dir);
    }
}
