package io.semisync.storage.relaylog;

import io.semisync.storage.RelayLogException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * What an {@link AckJournal} file holds: its current generation, the commit point the generation began after, and the
 * records of its entries in order, up to the first entry that is torn or of another generation.
 *
 * @param generation the generation.
 * @param base       the relay log index the generation's records follow, -1 for the start of the log.
 * @param records    the records, as the cycle files hold them.
 */
record AckJournalContent(long generation, long base, List<byte[]> records)
{
    /**
     * Reads the header and every entry of the current generation.
     *
     * @return the content; empty if there is no file or no valid header.
     * @throws IOException       if the file cannot be read.
     * @throws RelayLogException if the header is of a version this build does not know.
     */
    static Optional<AckJournalContent> read(final Path file) throws IOException
    {
        final Optional<AckJournalContent> header = readHeader(file);
        if (header.isEmpty())
        {
            return header;
        }
        final long generation = header.get().generation();
        final List<byte[]> records = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            final long size = channel.size();
            final ByteBuffer entryHeader = ByteBuffer.allocate(AckJournal.ENTRY_HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
            long offset = AckJournal.BLOCK;
            while (offset + AckJournal.ENTRY_HEADER_LENGTH <= size)
            {
                readFully(channel, entryHeader.clear(), offset);
                final int length = entryHeader.getInt(4);
                if (entryHeader.getInt(0) != AckJournal.ENTRY_MAGIC || entryHeader.getLong(8) != generation || length < 0 ||
                    length > AckJournal.MAX_ENTRY_BYTES || offset + AckJournal.ENTRY_HEADER_LENGTH + length > size)
                {
                    break;
                }
                final ByteBuffer payload = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
                readFully(channel, payload, offset + AckJournal.ENTRY_HEADER_LENGTH);
                final CRC32C crc = new CRC32C();
                crc.update(entryHeader.array(), 4, 12);
                crc.update(payload.array(), 0, length);
                if ((int)crc.getValue() != entryHeader.getInt(16) || !addRecords(payload, records))
                {
                    break;
                }
                offset += AckJournal.ENTRY_HEADER_LENGTH + length;
            }
        }
        return Optional.of(new AckJournalContent(generation, header.get().base(), records));
    }

    /**
     * Reads only the header.
     *
     * @return the generation and base, without records; empty if there is no file or no valid header.
     * @throws IOException       if the file cannot be read.
     * @throws RelayLogException if the header is of a version this build does not know.
     */
    static Optional<AckJournalContent> readHeader(final Path file) throws IOException
    {
        if (!Files.exists(file))
        {
            return Optional.empty();
        }
        final ByteBuffer header = ByteBuffer.allocate(AckJournal.HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            if (channel.size() < AckJournal.BLOCK)
            {
                return Optional.empty();
            }
            readFully(channel, header, 0);
        }
        final CRC32C crc = new CRC32C();
        crc.update(header.array(), 0, 24);
        if (header.getInt(0) != AckJournal.HEADER_MAGIC || (int)crc.getValue() != header.getInt(24))
        {
            return Optional.empty();
        }
        if (header.getInt(4) != AckJournal.VERSION)
        {
            throw new RelayLogException("the ACK journal " + file + " is of version " + header.getInt(4) + ", which this build " +
                "does not know: open the relay log with the build that wrote it");
        }
        return Optional.of(new AckJournalContent(header.getLong(8), header.getLong(16), List.of()));
    }

    /** Splits an entry's payload into its records; false if the framing does not add up. */
    private static boolean addRecords(final ByteBuffer payload, final List<byte[]> records)
    {
        final List<byte[]> found = new ArrayList<>();
        int at = 0;
        while (at < payload.capacity())
        {
            if (payload.capacity() - at < Integer.BYTES)
            {
                return false;
            }
            final int length = payload.getInt(at);
            at += Integer.BYTES;
            if (length <= 0 || length > payload.capacity() - at)
            {
                return false;
            }
            final byte[] record = new byte[length];
            payload.get(at, record);
            found.add(record);
            at += length;
        }
        records.addAll(found);
        return true;
    }

    private static void readFully(final FileChannel channel, final ByteBuffer buffer, final long offset) throws IOException
    {
        while (buffer.hasRemaining())
        {
            if (channel.read(buffer, offset + buffer.position()) < 0)
            {
                throw new IOException("unexpected end of " + channel + " at " + (offset + buffer.position()));
            }
        }
    }
}
