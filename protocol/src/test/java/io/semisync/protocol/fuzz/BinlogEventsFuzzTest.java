package io.semisync.protocol.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.semisync.protocol.binlog.BinlogChecksum;
import io.semisync.protocol.binlog.EventHeaderFlyweight;
import io.semisync.protocol.binlog.FormatDescriptionEventFlyweight;
import io.semisync.protocol.binlog.GtidEventFlyweight;
import io.semisync.protocol.binlog.GtidSet;
import io.semisync.protocol.binlog.GtidTaggedEventFlyweight;
import io.semisync.protocol.binlog.MariadbGtidEventFlyweight;
import io.semisync.protocol.binlog.QueryEventFlyweight;
import io.semisync.protocol.binlog.RotateEventFlyweight;
import io.semisync.protocol.binlog.StreamPacketFlyweight;
import io.semisync.protocol.ProtocolException;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

/**
 * A dump-stream packet of any bytes, read as the ACK path reads it: the stream packet, the event header, the checksum
 * and every event flyweight over the event, at a non-zero offset in an off-heap buffer. Each either reads within the
 * event or fails with a {@link ProtocolException}; no other exception, and no allocation sized by a length the bytes
 * announce.
 */
class BinlogEventsFuzzTest
{
    private static final int OFFSET = 7;

    private final StreamPacketFlyweight packet = new StreamPacketFlyweight();
    private final EventHeaderFlyweight header = new EventHeaderFlyweight();
    private final FormatDescriptionEventFlyweight formatDescription = new FormatDescriptionEventFlyweight();
    private final GtidEventFlyweight gtid = new GtidEventFlyweight();
    private final GtidTaggedEventFlyweight taggedGtid = new GtidTaggedEventFlyweight();
    private final MariadbGtidEventFlyweight mariadbGtid = new MariadbGtidEventFlyweight();
    private final QueryEventFlyweight query = new QueryEventFlyweight();
    private final RotateEventFlyweight rotate = new RotateEventFlyweight();
    private final BinlogChecksum checksum = new BinlogChecksum();

    @FuzzTest(maxDuration = "5m")
    void streamPacketAndEveryEventView(final FuzzedDataProvider data)
    {
        final boolean semisync = data.consumeBoolean();
        final int checksumLength = data.consumeBoolean() ? BinlogChecksum.LENGTH : 0;
        final byte[] bytes = data.consumeRemainingAsBytes();
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(OFFSET + bytes.length));
        buffer.putBytes(OFFSET, bytes);
        FuzzInvariants.typedOrValid(() ->
        {
            packet.wrap(buffer, OFFSET, bytes.length, semisync);
            packet.marker();
            packet.isError();
            packet.isEndOfStream();
            if (!packet.isEvent())
            {
                return;
            }
            packet.ackNeeded();
            readEvent(buffer, packet.eventOffset(), packet.eventLength(), checksumLength);
        });
        FuzzInvariants.typedOrValid(() -> readEvent(buffer, OFFSET, bytes.length, checksumLength));
    }

    private void readEvent(final UnsafeBuffer buffer, final int offset, final int length, final int checksumLength)
    {
        FuzzInvariants.typedOrValid(() ->
        {
            header.wrap(buffer, offset);
            header.timestamp();
            header.type();
            header.serverId();
            header.eventSize();
            header.logPos();
            header.flags();
            header.isArtificial();
        });
        FuzzInvariants.typedOrValid(() -> checksum.matches(buffer, offset, length));
        FuzzInvariants.typedOrValid(() ->
        {
            formatDescription.wrap(buffer, offset, length);
            formatDescription.checksumAlgorithm();
            formatDescription.serverVersion();
        });
        FuzzInvariants.typedOrValid(() ->
        {
            gtid.wrap(buffer, offset, length);
            gtid.uuid();
            gtid.gno();
            buffer.getLong(gtid.gtidBytesOffset());
        });
        FuzzInvariants.typedOrValid(() ->
        {
            taggedGtid.wrap(buffer, offset, length);
            taggedGtid.uuid();
            taggedGtid.tag();
            taggedGtid.immediateCommitMicros();
        });
        FuzzInvariants.typedOrValid(() ->
        {
            mariadbGtid.wrap(buffer, offset, length);
            mariadbGtid.sequence();
            mariadbGtid.domain();
            mariadbGtid.isStandalone();
            mariadbGtid.isInCommitGroup();
        });
        FuzzInvariants.typedOrValid(() ->
        {
            query.wrap(buffer, offset, length, checksumLength);
            query.isBegin();
            query.isCommitOrRollback();
            query.statement();
        });
        FuzzInvariants.typedOrValid(() ->
        {
            rotate.wrap(buffer, offset, length, checksumLength);
            rotate.position();
            rotate.fileName();
        });
    }

    @FuzzTest(maxDuration = "5m")
    void gtidSetText(final FuzzedDataProvider data)
    {
        try
        {
            GtidSet.parse(data.consumeRemainingAsString()).toString();
        }
        catch (final IllegalArgumentException expected)
        {
            // the documented failure of a bad GTID set
        }
    }
}
