package io.semisync.protocol.binlog;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.semisync.protocol.Fixtures;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GtidSetTest
{
    private static final String A = "3e11fa47-71ca-11e1-9e33-c80aa9429562";
    private static final String B = "0ba6c61d-e80e-11f1-a2d7-02fc00000001";
    private static final UUID UUID_A = UUID.fromString(A);
    private static final UUID UUID_B = UUID.fromString(B);

    @Test
    void textRoundTrip()
    {
        final String text = A + ":1-5:7," + B + ":3";

        assertThat(GtidSet.parse(text).toString()).isEqualTo(text);
    }

    @Test
    void whitespaceAndNewlinesAsInGtidExecutedAreIgnored()
    {
        final GtidSet set = GtidSet.parse(" " + A + ":1-5,\n" + B + ":1-3 ");

        assertThat(set.toString()).isEqualTo(A + ":1-5," + B + ":1-3");
    }

    @Test
    void emptyTextIsTheEmptySet()
    {
        final GtidSet set = GtidSet.parse(" \n");

        assertThat(set.isEmpty()).isTrue();
        assertThat(set.toString()).isEmpty();
        assertThat(set.contains(UUID_A, 1)).isFalse();
    }

    @Test
    void upperCaseUuidIsPrintedInLowerCase()
    {
        assertThat(GtidSet.parse(A.toUpperCase() + ":1").toString()).isEqualTo(A + ":1");
    }

    @Test
    void addingTheNextNumberExtendsTheLastInterval()
    {
        final GtidSet set = new GtidSet();
        for (long gno = 1; gno <= 100; gno++)
        {
            set.add(UUID_A.getMostSignificantBits(), UUID_A.getLeastSignificantBits(), gno);
        }

        assertThat(set.toString()).isEqualTo(A + ":1-100");
    }

    @Test
    void addingOutOfOrderKeepsIntervalsSortedAndMergesAdjacentOnes()
    {
        final GtidSet set = new GtidSet();
        add(set, UUID_A, 10);
        add(set, UUID_A, 3);
        add(set, UUID_A, 7);
        assertThat(set.toString()).isEqualTo(A + ":3:7:10");

        add(set, UUID_A, 8);
        add(set, UUID_A, 9);
        assertThat(set.toString()).isEqualTo(A + ":3:7-10");

        add(set, UUID_A, 1);
        add(set, UUID_A, 2);
        assertThat(set.toString()).isEqualTo(A + ":1-3:7-10");

        add(set, UUID_A, 4);
        add(set, UUID_A, 6);
        add(set, UUID_A, 5);
        assertThat(set.toString()).isEqualTo(A + ":1-10");
    }

    @Test
    void addingANumberAlreadyHeldChangesNothing()
    {
        final GtidSet set = GtidSet.parse(A + ":1-5:9");
        add(set, UUID_A, 3);
        add(set, UUID_A, 9);

        assertThat(set.toString()).isEqualTo(A + ":1-5:9");
    }

    @Test
    void parsingMergesOverlappingAdjacentAndUnsortedIntervals()
    {
        assertThat(GtidSet.parse(A + ":1-5:3-8").toString()).isEqualTo(A + ":1-8");
        assertThat(GtidSet.parse(A + ":1-3:4-6").toString()).isEqualTo(A + ":1-6");
        assertThat(GtidSet.parse(A + ":20-30:1-2:10").toString()).isEqualTo(A + ":1-2:10:20-30");
        assertThat(GtidSet.parse(A + ":1-2:4-5:7-8:2-7").toString()).isEqualTo(A + ":1-8");
        assertThat(GtidSet.parse(A + ":5," + A + ":6").toString()).isEqualTo(A + ":5-6");
    }

    @Test
    void manyIntervalsGrowTheStorage()
    {
        final GtidSet set = new GtidSet();
        final StringBuilder expected = new StringBuilder(A);
        for (long gno = 1; gno <= 41; gno += 2)
        {
            add(set, UUID_A, gno);
            expected.append(':').append(gno);
        }

        assertThat(set.toString()).isEqualTo(expected.toString());
        assertThat(set.contains(UUID_A, 41)).isTrue();
        assertThat(set.contains(UUID_A, 40)).isFalse();
    }

    @Test
    void addingSwitchesBetweenUuids()
    {
        final GtidSet set = new GtidSet();
        add(set, UUID_A, 1);
        add(set, UUID_B, 1);
        add(set, UUID_A, 2);
        add(set, UUID_B, 5);

        assertThat(set.toString()).isEqualTo(A + ":1-2," + B + ":1:5");
    }

    @Test
    void containsChecksEndsOfIntervals()
    {
        final GtidSet set = GtidSet.parse(A + ":1-5:7," + B + ":3");

        assertThat(set.contains(UUID_A, 1)).isTrue();
        assertThat(set.contains(UUID_A, 5)).isTrue();
        assertThat(set.contains(UUID_A, 6)).isFalse();
        assertThat(set.contains(UUID_A, 7)).isTrue();
        assertThat(set.contains(UUID_A, 8)).isFalse();
        assertThat(set.contains(UUID_A, 0)).isFalse();
        assertThat(set.contains(UUID_B, 3)).isTrue();
        assertThat(set.contains(UUID_B, 2)).isFalse();
        assertThat(set.contains(UUID.randomUUID(), 1)).isFalse();
    }

    @Test
    void addAllMergesPerUuid()
    {
        final GtidSet set = GtidSet.parse(A + ":1-3");
        set.addAll(GtidSet.parse(B + ":7," + A + ":4-6:10"));

        assertThat(set.toString()).isEqualTo(A + ":1-6:10," + B + ":7");
    }

    @Test
    void equalSetsAreEqualWhateverTheWayTheyWereBuilt()
    {
        final GtidSet built = new GtidSet();
        add(built, UUID_A, 2);
        add(built, UUID_A, 1);

        assertThat(built).isEqualTo(GtidSet.parse(A + ":1-2"));
        assertThat(built.hashCode()).isEqualTo(GtidSet.parse(A + ":1-2").hashCode());
        assertThat(built).isNotEqualTo(GtidSet.parse(A + ":1-3"));
    }

    @Test
    void encodesTheBinaryFormOfComBinlogDumpGtid()
    {
        final GtidSet set = GtidSet.parse(A + ":1-5:7," + B + ":3");
        final ByteBuf expected = Fixtures.buffer(
            "02 00 00 00 00 00 00 00",                              // 2 SIDs
            "3e 11 fa 47 71 ca 11 e1 9e 33 c8 0a a9 42 95 62",      // SID A, big-endian as the UUID reads
            "02 00 00 00 00 00 00 00",                              // 2 intervals
            "01 00 00 00 00 00 00 00", "06 00 00 00 00 00 00 00",   // [1, 6)
            "07 00 00 00 00 00 00 00", "08 00 00 00 00 00 00 00",   // [7, 8)
            "0b a6 c6 1d e8 0e 11 f1 a2 d7 02 fc 00 00 00 01",      // SID B
            "01 00 00 00 00 00 00 00",                              // 1 interval
            "03 00 00 00 00 00 00 00", "04 00 00 00 00 00 00 00");  // [3, 4)
        final ByteBuf out = Unpooled.buffer();
        try
        {
            set.encode(out);

            assertThat(Fixtures.hexOf(out)).isEqualTo(Fixtures.hexOf(expected));
            assertThat(set.encodedLength()).isEqualTo(out.readableBytes()).isEqualTo(8 + 2 * (16 + 8) + 3 * 16);
            assertThat(set.toBytes()).isEqualTo(Fixtures.bytes(Fixtures.hexOf(expected)));
        }
        finally
        {
            out.release();
            expected.release();
        }
    }

    @Test
    void emptySetEncodesAsZeroSids()
    {
        assertThat(new GtidSet().toBytes()).isEqualTo(Fixtures.bytes("00 00 00 00 00 00 00 00"));
        assertThat(new GtidSet().encodedLength()).isEqualTo(8);
    }

    @Test
    void elementWithoutNumbersIsRejectedByName()
    {
        assertThatThrownBy(() -> GtidSet.parse(A + ":1," + B))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("'" + B + "'")
            .hasMessageContaining("no transaction numbers");
        assertThatThrownBy(() -> GtidSet.parse(B + ":"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("'" + B + ":'");
    }

    @Test
    void elementWithoutAUuidIsRejectedByName()
    {
        assertThatThrownBy(() -> GtidSet.parse("not-a-uuid:1-3"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("'not-a-uuid:1-3'")
            .hasMessageContaining("UUID");
    }

    @Test
    void tagsFollowTheirUuidsUntaggedNumbersInLowerCaseAndInOrder()
    {
        final GtidSet set = GtidSet.parse(A + ":Tag1:1-2:other_tag:1," + A + ":1-3," + B + ":_x:5");

        assertThat(set.toString()).isEqualTo(A + ":1-3:other_tag:1:tag1:1-2," + B + ":_x:5");
        assertThat(set.hasTags()).isTrue();
        assertThat(set.contains(UUID_A, "tag1", 2)).isTrue();
        assertThat(set.contains(UUID_A, "tag1", 3)).isFalse();
        assertThat(set.contains(UUID_A, 3)).isTrue();
        assertThat(set.contains(UUID_B, 5)).as("untagged 5 of B").isFalse();
        assertThat(set.contains(UUID_B, "_x", 5)).isTrue();
        assertThat(GtidSet.parse(A + ":1-3").hasTags()).isFalse();
    }

    @Test
    void containsAllAndAddAllKeepTagsApart()
    {
        final GtidSet set = GtidSet.parse(A + ":1-3:t:1");
        assertThat(set.containsAll(GtidSet.parse(A + ":2:t:1"))).isTrue();
        assertThat(set.containsAll(GtidSet.parse(A + ":t:2"))).isFalse();
        assertThat(set.containsAll(GtidSet.parse(A + ":u:1"))).isFalse();

        set.addAll(GtidSet.parse(A + ":t:2," + B + ":u:1"));
        assertThat(set.toString()).isEqualTo(A + ":1-3:t:1-2," + B + ":u:1");
    }

    @Test
    void addingTaggedTransactionsFromBytesGroupsThemByTag()
    {
        final GtidSet set = new GtidSet();
        final UnsafeBuffer tags = new UnsafeBuffer("xxtag1tag2".getBytes(StandardCharsets.US_ASCII));
        set.add(UUID_A.getMostSignificantBits(), UUID_A.getLeastSignificantBits(), tags, 2, 4, 1);
        set.add(UUID_A.getMostSignificantBits(), UUID_A.getLeastSignificantBits(), tags, 2, 4, 2);
        set.add(UUID_A.getMostSignificantBits(), UUID_A.getLeastSignificantBits(), tags, 6, 4, 1);
        add(set, UUID_A, 1);
        set.add(UUID_A.getMostSignificantBits(), UUID_A.getLeastSignificantBits(), tags, 2, 4, 3);

        assertThat(set.toString()).isEqualTo(A + ":1:tag1:1-3:tag2:1");
    }

    @Test
    void aSetWithTagsEncodesAsTheServerWritesItsPreviousGtids()
    {
        final byte[] event = CapturedTaggedEvents.PREVIOUS_GTIDS_TAGGED;
        final byte[] body = Arrays.copyOfRange(event, EventHeaderFlyweight.LENGTH, event.length - BinlogChecksum.LENGTH);
        final GtidSet set = GtidSet.parse(CapturedTaggedEvents.SOURCE_UUID + ":1-3:other_tag:1:tag1:1-2");

        assertThat(set.toBytes()).isEqualTo(body);
        assertThat(set.encodedLength()).isEqualTo(body.length);
    }

    @Test
    void decodesBothFormats()
    {
        final byte[] event = CapturedTaggedEvents.PREVIOUS_GTIDS_TAGGED;
        final ByteBuf tagged = Unpooled.wrappedBuffer(event, EventHeaderFlyweight.LENGTH,
            event.length - EventHeaderFlyweight.LENGTH - BinlogChecksum.LENGTH);
        assertThat(GtidSet.decode(tagged).toString()).isEqualTo(CapturedTaggedEvents.SOURCE_UUID + ":1-3:other_tag:1:tag1:1-2");
        assertThat(tagged.isReadable()).isFalse();

        final GtidSet untagged = GtidSet.parse(A + ":1-5:7," + B + ":3");
        assertThat(GtidSet.decode(Unpooled.wrappedBuffer(untagged.toBytes()))).isEqualTo(untagged);
        assertThat(GtidSet.decode(Unpooled.wrappedBuffer(new GtidSet().toBytes())).isEmpty()).isTrue();
    }

    @Test
    void badBinaryFormsAreRefusedSayingWhy()
    {
        assertThatThrownBy(() -> GtidSet.decode(Fixtures.buffer("01 00 00 00 00 00 00 02")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown format 2");
        assertThatThrownBy(() -> GtidSet.decode(Fixtures.buffer("01 00 00 00 00 00 00 00", "3e 11")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ends before the set does");
        assertThatThrownBy(() -> GtidSet.decode(Fixtures.buffer("01 01 00 00 00 00 00 01",
            "3e 11 fa 47 71 ca 11 e1 9e 33 c8 0a a9 42 95 62", "08 31 61 61 61")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad tag '1aaa'");
        assertThatThrownBy(() -> GtidSet.decode(Fixtures.buffer("01 00 00 00 00 00 00 00",
            "3e 11 fa 47 71 ca 11 e1 9e 33 c8 0a a9 42 95 62", "01 00 00 00 00 00 00 00",
            "05 00 00 00 00 00 00 00", "05 00 00 00 00 00 00 00")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[5, 5)");
    }

    @Test
    void badTagsAreRejectedNamingTheirElement()
    {
        assertThatThrownBy(() -> GtidSet.parse(A + ":1-5:9tag:1-3"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("'" + A + ":1-5:9tag:1-3'");
        assertThatThrownBy(() -> GtidSet.parse(A + ":t-x:1"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("bad tag 't-x'");
        assertThatThrownBy(() -> GtidSet.parse(A + ":" + "t".repeat(33) + ":1"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("1 to 32 letters");
        assertThatThrownBy(() -> GtidSet.parse(A + ":1-5:tag1"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("no transaction numbers for tag 'tag1'");
        assertThatThrownBy(() -> GtidSet.parse(A + ":1:t:u:2"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("no transaction numbers for tag 't'");
    }

    @Test
    void badNumberIsRejectedNamingItsElement()
    {
        assertThatThrownBy(() -> GtidSet.parse(A + ":1-x"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("'" + A + ":1-x'");
        assertThatThrownBy(() -> GtidSet.parse(A + ":-5"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("'" + A + ":-5'");
    }

    @Test
    void intervalThatEndsBeforeItStartsIsRejected()
    {
        assertThatThrownBy(() -> GtidSet.parse(A + ":5-3"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("'" + A + ":5-3'");
    }

    @Test
    void transactionNumberZeroIsRejected()
    {
        assertThatThrownBy(() -> GtidSet.parse(A + ":0-3"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("'" + A + ":0-3'");
    }

    private static void add(final GtidSet set, final UUID uuid, final long gno)
    {
        set.add(uuid.getMostSignificantBits(), uuid.getLeastSignificantBits(), gno);
    }
}
