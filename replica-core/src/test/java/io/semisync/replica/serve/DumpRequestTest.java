package io.semisync.replica.serve;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.semisync.protocol.binlog.GtidSet;
import io.semisync.protocol.server.SqlErrorException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DumpRequestTest
{
    private static final String GTIDS = "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5:7,4a2b6c8d-71ca-11e1-9e33-c80aa9429562:3";

    @Test
    void decodesTheServerIdFilePositionAndGtidSetOfComBinlogDumpGtid()
    {
        final ByteBuf body = body(GtidSet.parse(GTIDS));

        final DumpRequest request = DumpRequest.decodeGtid(body);

        assertThat(request.flags()).isEqualTo(0x04);
        assertThat(request.serverId()).isEqualTo(3);
        assertThat(request.fileName()).isEqualTo("binlog.000002");
        assertThat(request.position()).isEqualTo(4);
        assertThat(request.gtids()).isEqualTo(GtidSet.parse(GTIDS));
    }

    @Test
    void aTruncatedGtidSetIsError1236()
    {
        final ByteBuf body = body(GtidSet.parse(GTIDS));
        final ByteBuf truncated = body.slice(0, body.readableBytes() - 3);

        assertThatThrownBy(() -> DumpRequest.decodeGtid(truncated)).isInstanceOf(SqlErrorException.class)
            .hasMessageContaining("ends before the set does")
            .satisfies(ex -> assertThat(((SqlErrorException)ex).errorCode()).isEqualTo(1236));
    }

    @Test
    void decodesTheTaggedGtidSetOfAReplicaWhoseGtidsHoldATag()
    {
        final GtidSet tagged = GtidSet.parse(GTIDS + ",3e11fa47-71ca-11e1-9e33-c80aa9429562:ops:1-2");

        final DumpRequest request = DumpRequest.decodeGtid(body(tagged));

        assertThat(request.gtids()).isEqualTo(tagged);
        assertThat(request.gtids().toString()).isEqualTo("3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5:7:ops:1-2,"
            + "4a2b6c8d-71ca-11e1-9e33-c80aa9429562:3");
    }

    @Test
    void aGtidSetOfAnUnknownFormatIsError1236()
    {
        final ByteBuf body = body(GtidSet.parse(GTIDS));
        body.setByte(body.writerIndex() - GtidSet.parse(GTIDS).encodedLength() + 7, 2);

        assertThatThrownBy(() -> DumpRequest.decodeGtid(body)).isInstanceOf(SqlErrorException.class)
            .hasMessageContaining("malformed COM_BINLOG_DUMP_GTID").hasMessageContaining("unknown format 2");
    }

    private static ByteBuf body(final GtidSet gtids)
    {
        final byte[] file = "binlog.000002".getBytes(StandardCharsets.UTF_8);
        final ByteBuf body = Unpooled.buffer();
        body.writeShortLE(0x04);
        body.writeIntLE(3);
        body.writeIntLE(file.length);
        body.writeBytes(file);
        body.writeLongLE(4);
        body.writeIntLE(gtids.encodedLength());
        gtids.encode(body);
        return body;
    }
}
