package io.semisync.protocol.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.semisync.protocol.ProtocolException;
import io.semisync.protocol.auth.AuthSwitchRequest;
import io.semisync.protocol.handshake.ConnectionAttributes;
import io.semisync.protocol.handshake.HandshakeResponse41;
import io.semisync.protocol.handshake.HandshakeV10;
import io.semisync.protocol.handshake.LoginHeader;
import io.semisync.protocol.response.ColumnDefinition;
import io.semisync.protocol.response.EofPacket;
import io.semisync.protocol.response.ErrPacket;
import io.semisync.protocol.response.OkPacket;
import io.semisync.protocol.response.Row;

/**
 * Every decoder of a packet payload a peer sends, fed any bytes: each either decodes (and its result can be read and
 * written back) or fails with a {@link ProtocolException}; nothing else escapes, whatever lengths the bytes announce.
 */
class PacketDecodersFuzzTest
{
    @FuzzTest(maxDuration = "5m")
    void serverGreetingAndAuthSwitch(final byte[] payload)
    {
        FuzzInvariants.typedOrValid(() ->
        {
            final HandshakeV10 greeting = HandshakeV10.decode(Unpooled.wrappedBuffer(payload));
            FuzzInvariants.roundTrip(greeting.payloadLength(), greeting::writePayload);
        });
        FuzzInvariants.typedOrValid(() ->
        {
            final AuthSwitchRequest request = AuthSwitchRequest.decode(Unpooled.wrappedBuffer(payload));
            FuzzInvariants.roundTrip(request.payloadLength(), request::writePayload);
        });
    }

    @FuzzTest(maxDuration = "5m")
    void responsePackets(final FuzzedDataProvider data)
    {
        final int columnCount = data.consumeInt(0, 4096);
        final byte[] payload = data.consumeRemainingAsBytes();
        final ByteBuf buffer = Unpooled.wrappedBuffer(payload);
        FuzzInvariants.typedOrValid(() -> OkPacket.decode(buffer.duplicate()));
        FuzzInvariants.typedOrValid(() ->
        {
            final ErrPacket err = new ErrPacket().wrap(buffer, 0, payload.length);
            err.errorCode();
            err.sqlState();
            err.message();
            err.toException();
        });
        FuzzInvariants.typedOrValid(() -> ErrPacket.toException(buffer.duplicate()));
        FuzzInvariants.typedOrValid(() ->
        {
            final EofPacket eof = new EofPacket().wrap(buffer, 0, payload.length);
            eof.warnings();
            eof.statusFlags();
        });
        FuzzInvariants.typedOrValid(() ->
        {
            final ColumnDefinition column = ColumnDefinition.decode(buffer.duplicate());
            FuzzInvariants.roundTrip(column.payloadLength(), column::writePayload);
        });
        FuzzInvariants.typedOrValid(() ->
        {
            final Row row = Row.decode(buffer.duplicate(), columnCount);
            for (int i = 0; i < row.size(); i++)
            {
                if (!row.isNull(i))
                {
                    row.getBytes(i);
                    row.getString(i);
                }
            }
        });
    }

    @FuzzTest(maxDuration = "5m")
    void clientLogin(final byte[] payload)
    {
        FuzzInvariants.typedOrValid(() ->
        {
            final ByteBuf buffer = Unpooled.wrappedBuffer(payload);
            final LoginHeader header = LoginHeader.decode(buffer);
            final HandshakeResponse41 login = HandshakeResponse41.decode(header, buffer);
            login.user();
            login.authResponse();
            login.database();
            login.authPluginName();
            login.attributes().asMap();
            FuzzInvariants.roundTrip(login.payloadLength(), login::writePayload);
        });
        FuzzInvariants.typedOrValid(() -> ConnectionAttributes.decode(Unpooled.wrappedBuffer(payload)).asMap());
    }
}
