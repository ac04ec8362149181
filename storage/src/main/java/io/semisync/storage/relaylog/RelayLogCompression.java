package io.semisync.storage.relaylog;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import io.semisync.storage.DurabilityException;
import io.semisync.storage.RelayLogException;
import io.semisync.storage.durability.DirectorySync;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * zstd compression of closed relay-log files, a whole file at a time: {@code NAME.cq4} becomes {@code NAME.cq4.zst},
 * written as {@code NAME.cq4.zst.partial}, synced, renamed, the directory synced; only then may the original go.
 * A reader needs the plain file back: {@link #decompress} writes it as {@code .partial} and renames it, so a file
 * under a Chronicle name is always whole. While both a {@code .zst} and its plain file exist, the {@code .zst} is the
 * durable copy and the plain one a cache that may be deleted.
 */
final class RelayLogCompression
{
    /** What a compressed file's name adds to the cycle file's. */
    static final String SUFFIX = ".zst";
    static final String PARTIAL_SUFFIX = ".partial";
    /** zstd's level: its default, fast to write and several times smaller on binlog events. */
    private static final int LEVEL = 3;
    private static final int SPARSE_BLOCK = 64 * 1024;

    private RelayLogCompression()
    {
    }

    static boolean isCompressed(final String fileName)
    {
        return fileName.endsWith(SUFFIX);
    }

    static String uncompressedName(final String compressedName)
    {
        return compressedName.substring(0, compressedName.length() - SUFFIX.length());
    }

    static Path compressedPath(final Path file)
    {
        return file.resolveSibling(file.getFileName() + SUFFIX);
    }

    /**
     * Compresses {@code file} to {@code file.zst} durably ({@code .partial} written, synced, renamed, the directory
     * synced); deleting {@code file} is the caller's.
     *
     * @return the compressed file.
     * @throws DurabilityException if a write, sync or rename fails (no {@code .zst} is left then).
     */
    static Path writeCompressed(final Path file)
    {
        final Path compressed = compressedPath(file);
        final Path partial = compressed.resolveSibling(compressed.getFileName() + PARTIAL_SUFFIX);
        try
        {
            try (InputStream in = Files.newInputStream(file); OutputStream out = new ZstdOutputStream(Files.newOutputStream(partial), LEVEL))
            {
                in.transferTo(out);
            }
            DirectorySync.fsyncFile(partial);
            Files.move(partial, compressed, StandardCopyOption.ATOMIC_MOVE);
            DirectorySync.fsyncDirectory(file.getParent());
            return compressed;
        }
        catch (final IOException ex)
        {
            deleteQuietly(partial, ex);
            throw new DurabilityException("cannot compress relay log file " + file + " to " + compressed + ": " + ex.getMessage()
                + " (check free space and permissions there; the file stays uncompressed)", ex);
        }
    }

    /**
     * Writes the plain content of {@code compressed} to {@code target} (through {@code target.partial}).
     *
     * @throws RelayLogException if it cannot be read or written.
     */
    static void decompress(final Path compressed, final Path target)
    {
        final Path partial = target.resolveSibling(target.getFileName() + PARTIAL_SUFFIX);
        try
        {
            try (InputStream in = new ZstdInputStream(Files.newInputStream(compressed));
                FileChannel out = FileChannel.open(partial, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))
            {
                writeSparse(in, out);
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (final IOException ex)
        {
            deleteQuietly(partial, ex);
            throw new RelayLogException("cannot decompress relay log file " + compressed + " to " + target + ": " + ex.getMessage()
                + " (check free space there and that the file is whole)", ex);
        }
    }

    /**
     * Copies {@code in} to {@code out}, leaving holes where whole blocks are zero, as in the preallocated tail of a
     * Chronicle cycle file, so that a plain copy takes no more disk than the original did.
     */
    private static void writeSparse(final InputStream in, final FileChannel out) throws IOException
    {
        final byte[] block = new byte[SPARSE_BLOCK];
        final ByteBuffer buffer = ByteBuffer.wrap(block);
        long length = 0;
        int read;
        while ((read = in.readNBytes(block, 0, block.length)) > 0)
        {
            if (!isZero(block, read))
            {
                buffer.clear().limit(read);
                while (buffer.hasRemaining())
                {
                    out.write(buffer, length + buffer.position());
                }
            }
            length += read;
        }
        if (out.size() < length)
        {
            out.write(ByteBuffer.wrap(new byte[1]), length - 1);
        }
    }

    private static boolean isZero(final byte[] block, final int length)
    {
        for (int i = 0; i < length; i++)
        {
            if (block[i] != 0)
            {
                return false;
            }
        }
        return true;
    }

    /**
     * After a crash: deletes unfinished {@code .partial} files, and plain files whose {@code .zst} is whole (a
     * compression that stopped before the delete, or a reader's cache).
     *
     * @return the files deleted.
     */
    static List<Path> cleanUp(final Path directory)
    {
        try (Stream<Path> entries = Files.list(directory))
        {
            final List<Path> stale = entries.filter(path ->
            {
                final String name = path.getFileName().toString();
                return name.endsWith(PARTIAL_SUFFIX) || Files.exists(compressedPath(path));
            }).toList();
            for (final Path path : stale)
            {
                Files.delete(path);
            }
            if (!stale.isEmpty())
            {
                DirectorySync.fsyncDirectory(directory);
            }
            return stale;
        }
        catch (final IOException ex)
        {
            throw new RelayLogException("cannot clean up relay log directory " + directory + ": " + ex.getMessage(), ex);
        }
    }

    private static void deleteQuietly(final Path path, final IOException failure)
    {
        try
        {
            Files.deleteIfExists(path);
        }
        catch (final IOException ex)
        {
            failure.addSuppressed(ex);
        }
    }
}
