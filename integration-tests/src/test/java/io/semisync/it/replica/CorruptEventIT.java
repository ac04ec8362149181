package io.semisync.it.replica;

import io.semisync.sources.Flavor;
import io.semisync.sources.SourceServer;
import io.semisync.sources.SourceServers;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One byte of a row event flipped on its way from the source: the replica's CRC32 check stops that stream
 * with an error naming the event's file and position, nothing of the bad event is stored, and after
 * reconnecting the replica stores the transaction as the source wrote it, once, with everything around it.
 */
class CorruptEventIT
{
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(60);
    private static final String MARKER = "corrupt-me-in-transit-" + "m".repeat(150);
    private static final int CLIENTS = 2;
    private static final int TRANSACTIONS = 400;

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void aCorruptedEventIsRejectedAndFetchedAgain(final Flavor flavor, @TempDir final Path dataDir)
    {
        try (SourceServer server = SourceServers.start(flavor); TcpProxy proxy = TcpProxy.start(server.host(), server.port()))
        {
            SourceLoad.createTable(server);
            final long first = SourceBinlog.lastSequence(server) + 1;
            try (ReplicaProcess replica = ReplicaProcess.start("replica", proxy.host(), proxy.port(), server.replicationUser(), dataDir,
                ReplicaLogs.directory(CorruptEventIT.class, flavor)))
            {
                ReplicationChecks.awaitSemisyncConnected(replica, server, CONNECT_TIMEOUT);
                final RowEventCorruption corruption = new RowEventCorruption(MARKER.getBytes(StandardCharsets.US_ASCII));
                proxy.filterSourcePackets(corruption);
                try (SourceLoad load = SourceLoad.start(server, CLIENTS, TRANSACTIONS, 1, false))
                {
                    Waits.pause(Duration.ofMillis(500));
                    server.execute("INSERT INTO " + SourceLoad.TABLE + " (client, payload) VALUES (-2, '" + MARKER + "')");
                    assertThat(load.await(Duration.ofSeconds(90))).isEqualTo(TRANSACTIONS);
                }
                assertThat(corruption.flippedEventEndPosition()).as("end position of the corrupted event").isPositive();
                replica.awaitStatus("a second connection", CONNECT_TIMEOUT, status -> status.connects() >= 2 && status.isSemisyncStreaming());
                ReplicationChecks.awaitSemisyncConnected(replica, server, CONNECT_TIMEOUT);
                final long last = SourceBinlog.lastSequence(server);
                ReplicationChecks.awaitStored(server, dataDir, last, CONNECT_TIMEOUT, replica);
                replica.stop();

                final String position = sourcePositionEndingAt(server, first, last, corruption.flippedEventEndPosition());
                assertThat(replica.stderr())
                    .as("the replica's log names the checksum error and where")
                    .containsPattern("BinlogChecksumException: CRC32 mismatch in \\S+ event ending at " + position.replace(".", "\\.") + "\\b");
                assertThat(replica.stderr().split("CRC32 mismatch", -1)).as("checksum errors").hasSize(2);
                ReplicationChecks.assertHoldsExactly(server, dataDir, first, last);
            }
        }
    }

    /** The {@code file:end-position} of the source's event that ends at {@code endPosition}; exactly one must. */
    private static String sourcePositionEndingAt(final SourceServer server, final long first, final long last, final long endPosition)
    {
        final List<String> matches = SourceBinlog.transactions(server, first, last).stream()
            .flatMap(transaction -> transaction.positions().stream())
            .filter(position -> position.endsWith(":" + endPosition))
            .toList();
        assertThat(matches).as("source events ending at %d", endPosition).hasSize(1);
        return matches.get(0);
    }

    /**
     * Flips one byte in the middle of {@code marker} in the first row event from the source that carries it,
     * and remembers that event's end position. Row events only: MariaDB's ANNOTATE_ROWS event also holds
     * the statement's text. The corrupted packet goes on in one write with the next (the transaction's XID),
     * so the replica reads the bad event and the rest of its transaction at once: none of it may be stored.
     */
    private static final class RowEventCorruption implements TcpProxy.PacketFilter
    {
        private static final int PACKET_HEADER_LENGTH = 4;
        private static final int SEMISYNC_MAGIC = 0xEF;
        private static final int TYPE_OFFSET = 4;
        private static final int LOG_POS_OFFSET = 13;
        private static final int WRITE_ROWS_V1 = 23;
        private static final int WRITE_ROWS_V2 = 30;

        private final byte[] marker;
        private volatile long flippedEventEndPosition;

        RowEventCorruption(final byte[] marker)
        {
            this.marker = marker;
        }

        long flippedEventEndPosition()
        {
            return flippedEventEndPosition;
        }

        @Override
        public boolean onPacket(final byte[] packet)
        {
            if (flippedEventEndPosition != 0 || packet.length < PACKET_HEADER_LENGTH + 3 || packet[PACKET_HEADER_LENGTH] != 0)
            {
                return false;
            }
            final int event = PACKET_HEADER_LENGTH + ((packet[PACKET_HEADER_LENGTH + 1] & 0xFF) == SEMISYNC_MAGIC ? 3 : 1);
            if (packet.length < event + LOG_POS_OFFSET + 4)
            {
                return false;
            }
            final int type = packet[event + TYPE_OFFSET] & 0xFF;
            final int at = indexOf(packet, marker);
            if ((type != WRITE_ROWS_V1 && type != WRITE_ROWS_V2) || at < 0)
            {
                return false;
            }
            packet[at + marker.length / 2] ^= (byte)0x01;
            flippedEventEndPosition = (packet[event + LOG_POS_OFFSET] & 0xFFL) | (packet[event + LOG_POS_OFFSET + 1] & 0xFFL) << 8
                | (packet[event + LOG_POS_OFFSET + 2] & 0xFFL) << 16 | (packet[event + LOG_POS_OFFSET + 3] & 0xFFL) << 24;
            return true;
        }

        private static int indexOf(final byte[] data, final byte[] pattern)
        {
            for (int start = 0; start + pattern.length <= data.length; start++)
            {
                int matched = 0;
                while (matched < pattern.length && data[start + matched] == pattern[matched])
                {
                    matched++;
                }
                if (matched == pattern.length)
                {
                    return start;
                }
            }
            return -1;
        }
    }
}
