package io.semisync.replica.serve;

import io.semisync.protocol.binlog.GtidSet;
import io.semisync.storage.relaylog.GtidKind;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ReplicaGtidsTest
{
    private static final String UUID_A = "3e11fa47-71ca-11e1-9e33-c80aa9429562";

    /** A MySQL GTID as the relay log stores it at {@code offset}: UUID (16 bytes, big-endian), GNO u64 LE, then any tag. */
    private static UnsafeBuffer stored(final int offset, final long gno, final String tag)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[offset + 24 + tag.length()]);
        final UUID uuid = UUID.fromString(UUID_A);
        buffer.putLong(offset, uuid.getMostSignificantBits(), ByteOrder.BIG_ENDIAN);       // UUID, most significant half
        buffer.putLong(offset + 8, uuid.getLeastSignificantBits(), ByteOrder.BIG_ENDIAN);  // UUID, least significant half
        buffer.putLong(offset + 16, gno, ByteOrder.LITTLE_ENDIAN);                          // GNO
        buffer.putStringWithoutLengthAscii(offset + 24, tag);                               // tag, tagged GTIDs only
        return buffer;
    }

    @Test
    void aMysqlReplicaHasATaggedTransactionOnlyUnderItsTag()
    {
        final GtidSet executed = GtidSet.parse(UUID_A + ":1-3:ops:5");

        assertThat(ReplicaGtids.holds(executed, GtidKind.MYSQL_TAGGED, stored(3, 5, "ops"), 3, 27)).isTrue();
        assertThat(ReplicaGtids.holds(executed, GtidKind.MYSQL_TAGGED, stored(0, 4, "ops"), 0, 27)).isFalse();
        assertThat(ReplicaGtids.holds(executed, GtidKind.MYSQL_TAGGED, stored(0, 2, "other"), 0, 29)).as("another tag").isFalse();
        assertThat(ReplicaGtids.holds(executed, GtidKind.MYSQL, stored(1, 2, ""), 1, 24)).isTrue();
        assertThat(ReplicaGtids.holds(executed, GtidKind.MYSQL, stored(0, 5, ""), 0, 24)).as("5 is tagged only").isFalse();
        assertThat(ReplicaGtids.holds(executed, GtidKind.MARIADB, stored(0, 1, ""), 0, 16)).isFalse();
    }
}
