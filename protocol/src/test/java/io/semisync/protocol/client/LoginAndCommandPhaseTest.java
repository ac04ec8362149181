package io.semisync.protocol.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.semisync.protocol.Fixtures;
import io.semisync.protocol.ServerErrorException;
import io.semisync.protocol.auth.AuthenticationContext;
import io.semisync.protocol.auth.AuthenticationPlugins;
import io.semisync.protocol.auth.MySqlNativePasswordPlugin;
import io.semisync.protocol.command.BinlogDumpFlags;
import io.semisync.protocol.command.ComBinlogDump;
import io.semisync.protocol.framing.PacketDecoder;
import io.semisync.protocol.framing.PacketEncoder;
import io.semisync.protocol.framing.PacketSequence;
import io.semisync.protocol.handshake.HandshakeV10Test;
import io.semisync.protocol.handshake.ServerFlavor;
import io.semisync.protocol.response.ResultSet;
import io.semisync.protocol.tls.TlsMode;

/** The login state machine and the command phase against scripted server packets. */
class LoginAndCommandPhaseTest
{
    private static final String OK = "00 00 00 02 00 00 00";

    private final CompletableFuture<MySqlConnection> connected = new CompletableFuture<>();

    @Test
    void cachingSha2FullAuthenticationWithRetrievedKey() throws Exception
    {
        final EmbeddedChannel channel = channel(config().allowPublicKeyRetrieval(true).build());
        channel.writeInbound(Fixtures.packet(0, Fixtures.bytes(HandshakeV10Test.MYSQL_GREETING)));
        final ByteBuf response = readPacket(channel, 1);
        assertThat(Fixtures.hexOf(response)).contains(Fixtures.ascii("u") + "00" + "20").contains(Fixtures.ascii("caching_sha2_password") + "00");
        response.release();

        channel.writeInbound(Fixtures.packet(2, Fixtures.bytes("01", "04")));          // AuthMoreData: perform full authentication
        final ByteBuf keyRequest = readPacket(channel, 3);
        assertThat(Fixtures.hexOf(keyRequest)).isEqualTo("02");                          // request the public key
        keyRequest.release();

        channel.writeInbound(Fixtures.packet(4, Fixtures.bytes("01", Fixtures.ascii(pemOfNewKey()))));
        final ByteBuf encrypted = readPacket(channel, 5);
        assertThat(encrypted.readableBytes()).isEqualTo(256);                            // one RSA-2048 block
        encrypted.release();

        channel.writeInbound(Fixtures.packet(6, Fixtures.bytes(OK)));
        final MySqlConnection connection = connected.getNow(null);
        assertThat(connection).isNotNull();
        assertThat(connection.serverInfo().flavor()).isEqualTo(ServerFlavor.MYSQL);
        assertThat(connection.serverInfo().connectionId()).isEqualTo(10);
        assertThat(channel.pipeline().get(LoginHandler.NAME)).isNull();
        assertThat(channel.pipeline().get(CommandPhaseHandler.NAME)).isNotNull();
        assertFalse(channel.finish());
    }

    @Test
    void authSwitchAnswersWithTheNewPluginAndNonce()
    {
        final EmbeddedChannel channel = channel(config().build());
        channel.writeInbound(Fixtures.packet(0, Fixtures.bytes(HandshakeV10Test.MARIADB_GREETING)));
        readPacket(channel, 1).release();

        final byte[] nonce = Fixtures.bytes("4142434445464748494a4b4c4d4e4f5051525354");
        channel.writeInbound(Fixtures.packet(2, Fixtures.bytes(
            "fe", Fixtures.ascii("mysql_native_password"), "00", "4142434445464748494a4b4c4d4e4f5051525354", "00")));
        final ByteBuf answer = readPacket(channel, 3);
        final byte[] expected = MySqlNativePasswordPlugin.INSTANCE.initialResponse(new AuthenticationContext("pw", nonce, false, false, null));
        assertThat(Fixtures.hexOf(answer)).isEqualTo(HexFormat.of().formatHex(expected));
        answer.release();

        channel.writeInbound(Fixtures.packet(4, Fixtures.bytes(OK)));
        assertThat(connected.getNow(null).serverInfo().flavor()).isEqualTo(ServerFlavor.MARIADB);
        assertFalse(channel.finish());
    }

    @Test
    void loginErrorFailsTheFutureWithTheServersError()
    {
        final EmbeddedChannel channel = channel(config().build());
        channel.writeInbound(Fixtures.packet(0, Fixtures.bytes(HandshakeV10Test.MYSQL_GREETING)));
        readPacket(channel, 1).release();

        channel.writeInbound(Fixtures.packet(2, Fixtures.bytes(
            "ff", "15 04", "23", Fixtures.ascii("28000"), Fixtures.ascii("Access denied for user 'u'"))));

        assertThat(connected).isCompletedExceptionally();
        final Throwable cause = catchCause();
        assertThat(cause).isInstanceOf(ServerErrorException.class);
        assertThat(((ServerErrorException)cause).errorCode()).isEqualTo(1045);
        assertThat(cause).hasMessageContaining("Access denied for user 'u'");
        assertThat(channel.isOpen()).isFalse();
        assertFalse(channel.finish());
    }

    @Test
    void queryReadsResultSetEndedByOk() throws Exception
    {
        final EmbeddedChannel channel = loggedIn(true);
        final CompletableFuture<ResultSet> result = connected.getNow(null).query("SELECT 'a', NULL");
        channel.runPendingTasks();
        readPacket(channel, 0).release();

        channel.writeInbound(Fixtures.packet(1, Fixtures.bytes("02")));                 // 2 columns
        channel.writeInbound(Fixtures.packet(2, column("a")));
        channel.writeInbound(Fixtures.packet(3, column("NULL")));
        channel.writeInbound(Fixtures.packet(4, Fixtures.bytes("01 61", "fb")));       // row: 'a', NULL
        channel.writeInbound(Fixtures.packet(5, Fixtures.bytes("fe 00 00 02 00 01 00"))); // OK with 0xFE header, 1 warning

        final ResultSet resultSet = result.get();
        assertThat(resultSet.columns()).extracting(c -> c.name()).containsExactly("a", "NULL");
        assertThat(resultSet.rows()).hasSize(1);
        assertThat(resultSet.rows().get(0).getString(0)).isEqualTo("a");
        assertThat(resultSet.rows().get(0).isNull(1)).isTrue();
        assertThat(resultSet.warnings()).isEqualTo(1);
        assertFalse(channel.finish());
    }

    @Test
    void queryReadsResultSetWithClassicEofPackets() throws Exception
    {
        final EmbeddedChannel channel = loggedIn(false);
        final CompletableFuture<ResultSet> result = connected.getNow(null).query("SELECT 1");
        channel.runPendingTasks();
        readPacket(channel, 0).release();

        channel.writeInbound(Fixtures.packet(1, Fixtures.bytes("01")));                // 1 column
        channel.writeInbound(Fixtures.packet(2, column("1")));
        channel.writeInbound(Fixtures.packet(3, Fixtures.bytes("fe 00 00 02 00")));    // EOF after the columns
        channel.writeInbound(Fixtures.packet(4, Fixtures.bytes("01 31")));             // row: '1'
        channel.writeInbound(Fixtures.packet(5, Fixtures.bytes("01 32")));             // row: '2'
        channel.writeInbound(Fixtures.packet(6, Fixtures.bytes("fe 00 00 22 00")));    // EOF after the rows

        assertThat(result.get().rows()).extracting(row -> row.getLong(0)).containsExactly(1L, 2L);
        assertThat(result.get().statusFlags()).isEqualTo(0x22);
        assertFalse(channel.finish());
    }

    @Test
    void errAnswerFailsOnlyItsCommand() throws Exception
    {
        final EmbeddedChannel channel = loggedIn(true);
        final CompletableFuture<ResultSet> failing = connected.getNow(null).query("SELEKT");
        final CompletableFuture<Void> ping = connected.getNow(null).ping();
        channel.runPendingTasks();
        readPacket(channel, 0).release();
        channel.writeInbound(Fixtures.packet(1, Fixtures.bytes("ff", "28 04", "23", Fixtures.ascii("42000"), Fixtures.ascii("syntax"))));

        assertThat(failing).isCompletedExceptionally();
        final ByteBuf pingPacket = readPacket(channel, 0);
        assertThat(Fixtures.hexOf(pingPacket)).isEqualTo("0e");
        pingPacket.release();
        channel.writeInbound(Fixtures.packet(1, Fixtures.bytes(OK)));
        ping.get();
        assertFalse(channel.finish());
    }

    @Test
    void startStreamHandsLaterPacketsToTheStreamHandler()
    {
        final EmbeddedChannel channel = loggedIn(true);
        final List<String> received = new ArrayList<>();
        final CompletableFuture<Void> started = connected.getNow(null).startStream(
            new ComBinlogDump(4, BinlogDumpFlags.BLOCK, 9, ""),
            new ChannelInboundHandlerAdapter()
            {
                @Override
                public void channelRead(final ChannelHandlerContext ctx, final Object msg)
                {
                    final ByteBuf payload = (ByteBuf)msg;
                    received.add(Fixtures.hexOf(payload));
                    payload.release();
                }
            });
        channel.runPendingTasks();

        final ByteBuf dump = readPacket(channel, 0);
        assertThat(Fixtures.hexOf(dump)).startsWith("1204000000");
        dump.release();
        assertThat(started).isCompleted();
        channel.writeInbound(Fixtures.packet(1, Fixtures.bytes("00 aa")));
        channel.writeInbound(Fixtures.packet(2, Fixtures.bytes("00 bb")));

        assertThat(received).containsExactly("00aa", "00bb");
        final CompletableFuture<Void> ping = connected.getNow(null).ping();
        channel.runPendingTasks();
        assertThat(ping).isCompletedExceptionally();
        assertThat(channel.<ByteBuf>readOutbound()).isNull();
        assertFalse(channel.finish());
    }

    @Test
    void closeCompletesOnAStreamTheServerHasAlreadyClosed()
    {
        final EmbeddedChannel channel = loggedIn(true);
        final MySqlConnection connection = connected.getNow(null);
        connection.startStream(new ComBinlogDump(4, BinlogDumpFlags.NON_BLOCK, 9, ""), new ChannelInboundHandlerAdapter());
        channel.runPendingTasks();
        readPacket(channel, 0).release();
        channel.close();

        final CompletableFuture<Void> closed = connection.close();
        channel.runPendingTasks();

        assertThat(closed).isCompleted();
        assertThat(channel.<ByteBuf>readOutbound()).as("no COM_QUIT on a closed connection").isNull();
    }

    @Test
    void closeOfAStreamingConnectionClosesWithoutComQuit()
    {
        final EmbeddedChannel channel = loggedIn(true);
        final MySqlConnection connection = connected.getNow(null);
        connection.startStream(new ComBinlogDump(4, BinlogDumpFlags.BLOCK, 9, ""), new ChannelInboundHandlerAdapter());
        channel.runPendingTasks();
        readPacket(channel, 0).release();

        final CompletableFuture<Void> closed = connection.close();
        channel.runPendingTasks();

        assertThat(closed).isCompleted();
        assertThat(channel.isOpen()).isFalse();
        assertThat(channel.<ByteBuf>readOutbound()).as("no COM_QUIT inside a binlog stream").isNull();
    }

    private EmbeddedChannel loggedIn(final boolean deprecateEof)
    {
        final EmbeddedChannel channel = channel(config().deprecateEof(deprecateEof).build());
        channel.writeInbound(Fixtures.packet(0, Fixtures.bytes(HandshakeV10Test.MARIADB_GREETING)));
        readPacket(channel, 1).release();
        channel.writeInbound(Fixtures.packet(2, Fixtures.bytes(OK)));
        assertThat(connected).isCompleted();
        return channel;
    }

    private EmbeddedChannel channel(final ConnectionConfig config)
    {
        final PacketSequence sequence = new PacketSequence();
        return new EmbeddedChannel(
            new PacketDecoder(sequence, config.maxPacketSize()),
            new PacketEncoder(sequence),
            new LoginHandler(config, null, null, AuthenticationPlugins.defaults(), sequence, connected));
    }

    private static ConnectionConfig.Builder config()
    {
        return ConnectionConfig.builder().host("127.0.0.1").port(3306).user("u").password("pw").tlsMode(TlsMode.DISABLED);
    }

    /** The payload of the next written packet, after checking its header. */
    private static ByteBuf readPacket(final EmbeddedChannel channel, final int sequenceId)
    {
        final ByteBuf packet = channel.readOutbound();
        assertThat(packet).as("a packet was written").isNotNull();
        final int length = packet.readUnsignedMediumLE();
        assertThat(packet.readUnsignedByte()).as("sequence id").isEqualTo((short)sequenceId);
        assertThat(packet.readableBytes()).isEqualTo(length);
        return packet;
    }

    private static byte[] column(final String name)
    {
        return Fixtures.bytes(
            "03", Fixtures.ascii("def"), "00", "00", "00",
            String.format("%02x", name.length()), Fixtures.ascii(name), "00",
            "0c", "2d 00", "10 00 00 00", "fd", "00 00", "00", "00 00");
    }

    private Throwable catchCause()
    {
        try
        {
            connected.get();
            return null;
        }
        catch (final ExecutionException ex)
        {
            return ex.getCause();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return ex;
        }
    }

    private static String pemOfNewKey() throws Exception
    {
        final KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        final RSAPublicKey key = (RSAPublicKey)generator.generateKeyPair().getPublic();
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(key.getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    }
}
