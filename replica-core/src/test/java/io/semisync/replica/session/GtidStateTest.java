package io.semisync.replica.session;

import io.semisync.storage.relaylog.GtidKind;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GtidStateTest
{
    private static final String UUID_A = "3e11fa47-71ca-11e1-9e33-c80aa9429562";

    /** A MySQL GTID as the relay log stores it, at {@code offset}: UUID (16 bytes, big-endian), GNO u64 LE. */
    private static UnsafeBuffer mysqlGtid(final int offset, final String uuid, final long gno)
    {
        final UUID id = UUID.fromString(uuid);
        final ByteBuffer bytes = ByteBuffer.allocate(offset + 24);
        bytes.position(offset);
        bytes.putLong(id.getMostSignificantBits())     // UUID, most significant half
            .putLong(id.getLeastSignificantBits())     // UUID, least significant half
            .order(ByteOrder.LITTLE_ENDIAN)
            .putLong(gno);                             // GNO
        return new UnsafeBuffer(bytes.array());
    }

    /** A tagged MySQL GTID as the relay log stores it, at {@code offset}: UUID, GNO u64 LE, then the tag's bytes. */
    private static UnsafeBuffer mysqlTaggedGtid(final int offset, final String uuid, final String tag, final long gno)
    {
        final UnsafeBuffer untagged = mysqlGtid(offset, uuid, gno);
        final UnsafeBuffer tagged = new UnsafeBuffer(new byte[offset + 24 + tag.length()]);
        tagged.putBytes(0, untagged, 0, offset + 24);
        tagged.putStringWithoutLengthAscii(offset + 24, tag);     // tag
        return tagged;
    }

    /** A MariaDB GTID as the relay log stores it, at {@code offset}: domain u32 LE, server u32 LE, sequence u64 LE. */
    private static UnsafeBuffer mariadbGtid(final int offset, final long domain, final long server, final long sequence)
    {
        final ByteBuffer bytes = ByteBuffer.allocate(offset + 16).order(ByteOrder.LITTLE_ENDIAN);
        bytes.position(offset);
        bytes.putInt((int)domain)                      // domain id
            .putInt((int)server)                       // server id
            .putLong(sequence);                        // sequence number
        return new UnsafeBuffer(bytes.array());
    }

    @Test
    void mysqlTextRoundTrip()
    {
        final GtidState state = GtidState.of(false, UUID_A + ":1-5:7");

        assertThat(state.isMariadb()).isFalse();
        assertThat(state.toString()).isEqualTo(UUID_A + ":1-5:7");
        assertThat(state.mysqlSet().contains(UUID.fromString(UUID_A), 7)).isTrue();
    }

    @Test
    void mariadbTextRoundTripSortsDomains()
    {
        final GtidState state = GtidState.of(true, "1-20-300, 0-10-5");

        assertThat(state.isMariadb()).isTrue();
        assertThat(state.toString()).isEqualTo("0-10-5,1-20-300");
    }

    @Test
    void checkpointRoundTrip()
    {
        final GtidState mysql = GtidState.of(false, UUID_A + ":1-9");
        final GtidState mariadb = GtidState.of(true, "0-1-42");

        assertThat(new String(mysql.toCheckpoint(), StandardCharsets.UTF_8)).isEqualTo("mysql:" + UUID_A + ":1-9");
        assertThat(new String(mariadb.toCheckpoint(), StandardCharsets.UTF_8)).isEqualTo("mariadb:0-1-42");
        assertThat(GtidState.fromCheckpoint(mysql.toCheckpoint()).toString()).isEqualTo(UUID_A + ":1-9");
        assertThat(GtidState.fromCheckpoint(mysql.toCheckpoint()).isMariadb()).isFalse();
        assertThat(GtidState.fromCheckpoint(mariadb.toCheckpoint()).toString()).isEqualTo("0-1-42");
        assertThat(GtidState.fromCheckpoint(mariadb.toCheckpoint()).isMariadb()).isTrue();
    }

    @Test
    void emptyStatesRoundTrip()
    {
        assertThat(GtidState.fromCheckpoint(GtidState.of(false, "").toCheckpoint()).toString()).isEmpty();
        assertThat(GtidState.fromCheckpoint(GtidState.of(true, "").toCheckpoint()).toString()).isEmpty();
    }

    @Test
    void unknownCheckpointIsRejectedShowingIt()
    {
        assertThatThrownBy(() -> GtidState.fromCheckpoint("postgres:1".getBytes(StandardCharsets.UTF_8)))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("postgres:1");
    }

    @Test
    void addsStoredMysqlGtids()
    {
        final GtidState state = GtidState.of(false, UUID_A + ":1-5");
        state.add(GtidKind.MYSQL, mysqlGtid(7, UUID_A, 6), 7, 24);
        state.add(GtidKind.MYSQL, mysqlGtid(0, "0ba6c61d-e80e-11f1-a2d7-02fc00000001", 3), 0, 24);

        assertThat(state.toString()).isEqualTo(UUID_A + ":1-6,0ba6c61d-e80e-11f1-a2d7-02fc00000001:3");
    }

    @Test
    void addsStoredTaggedMysqlGtidsAndTheCheckpointKeepsThem()
    {
        final GtidState state = GtidState.of(false, UUID_A + ":1-5:ops:1");
        state.add(GtidKind.MYSQL_TAGGED, mysqlTaggedGtid(5, UUID_A, "ops", 2), 5, 27);
        state.add(GtidKind.MYSQL_TAGGED, mysqlTaggedGtid(0, UUID_A, "tag1", 1), 0, 28);
        state.add(GtidKind.MYSQL, mysqlGtid(0, UUID_A, 6), 0, 24);

        assertThat(state.toString()).isEqualTo(UUID_A + ":1-6:ops:1-2:tag1:1");
        assertThat(GtidState.fromCheckpoint(state.toCheckpoint()).toString()).isEqualTo(state.toString());
        assertThat(GtidState.fromCheckpoint(("mysql:" + UUID_A + ":1-6").getBytes(StandardCharsets.UTF_8)).toString())
            .as("a checkpoint written before tags").isEqualTo(UUID_A + ":1-6");
        assertThat(GtidText.of(GtidKind.MYSQL_TAGGED, mysqlTaggedGtid(3, UUID_A, "tag1", 9), 3, 28)).isEqualTo(UUID_A + ":tag1:9");
    }

    @Test
    void addsStoredMariadbGtidsKeepingTheLastPerDomain()
    {
        final GtidState state = GtidState.of(true, "0-1-10");
        state.add(GtidKind.MARIADB, mariadbGtid(5, 0, 2, 11), 5, 16);
        state.add(GtidKind.MARIADB, mariadbGtid(0, 4_294_967_295L, 3, 1), 0, 16);

        assertThat(state.toString()).isEqualTo("0-2-11,4294967295-3-1");
    }

    @Test
    void noneIsIgnored()
    {
        final GtidState state = GtidState.of(false, UUID_A + ":1");
        state.add(GtidKind.NONE, new UnsafeBuffer(new byte[0]), 0, 0);

        assertThat(state.toString()).isEqualTo(UUID_A + ":1");
    }

    @Test
    void flavourMismatchIsRejected()
    {
        assertThatThrownBy(() -> GtidState.of(true, "0-1-1").add(GtidKind.MYSQL, mysqlGtid(0, UUID_A, 1), 0, 24))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("MySQL GTIDs");
        assertThatThrownBy(() -> GtidState.of(false, "").add(GtidKind.MARIADB, mariadbGtid(0, 0, 1, 1), 0, 16))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("MariaDB GTIDs");
    }

    @Test
    void gtidTextOfStoredBytes()
    {
        assertThat(GtidText.of(GtidKind.MYSQL, mysqlGtid(3, UUID_A, 0x1_0000_0000L), 3, 24)).isEqualTo(UUID_A + ":4294967296");
        assertThat(GtidText.of(GtidKind.MARIADB, mariadbGtid(2, 4_294_967_295L, 7, 99), 2, 16)).isEqualTo("4294967295-7-99");
        assertThat(GtidText.of(GtidKind.NONE, new UnsafeBuffer(new byte[0]), 0, 0)).isEqualTo("-");
        assertThat(HexFormat.of().formatHex(mysqlGtid(0, UUID_A, 1).byteArray()))
            .isEqualTo("3e11fa4771ca11e19e33c80aa9429562" + "0100000000000000");
    }
}
