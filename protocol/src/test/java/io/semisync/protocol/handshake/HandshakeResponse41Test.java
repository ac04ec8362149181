package io.semisync.protocol.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.semisync.protocol.Fixtures;
import io.semisync.protocol.MalformedPacketException;

class HandshakeResponse41Test
{
    private static final long CAPABILITIES = CapabilityFlags.CLIENT_LONG_PASSWORD |
        CapabilityFlags.CLIENT_CONNECT_WITH_DB |
        CapabilityFlags.CLIENT_PROTOCOL_41 |
        CapabilityFlags.CLIENT_SECURE_CONNECTION |
        CapabilityFlags.CLIENT_PLUGIN_AUTH |
        CapabilityFlags.CLIENT_CONNECT_ATTRS |
        CapabilityFlags.CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA;

    @Test
    void writesEveryField()
    {
        final Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("program_name", "semisync-replica");
        final HandshakeResponse41 response = new HandshakeResponse41(
            CAPABILITIES, 0x0100_0000, CharacterSets.UTF8MB4_GENERAL_CI, "repl", Fixtures.bytes("aabbcc"), "db1",
            "caching_sha2_password", ConnectionAttributes.of(attributes));

        final ByteBuf payload = Fixtures.payloadOf(response);

        assertThat(Fixtures.hexOf(payload)).isEqualTo(String.join("",
            "09 82 38 00",                                  // capabilities
            "00 00 00 01",                                  // max packet 16 MiB
            "2d",                                           // utf8mb4_general_ci
            "00".repeat(19),                                // filler
            "00 00 00 00",                                  // MariaDB extended capabilities: none
            Fixtures.ascii("repl"), "00",                   // user
            "03 aa bb cc",                                  // auth response, length-encoded
            Fixtures.ascii("db1"), "00",                    // database
            Fixtures.ascii("caching_sha2_password"), "00",  // plugin
            "1e",                                           // attributes: 30 bytes
            "0c", Fixtures.ascii("program_name"),           // key
            "10", Fixtures.ascii("semisync-replica")        // value
        ).replace(" ", ""));
        assertThat(payload.readableBytes()).isEqualTo(response.payloadLength());
    }

    @Test
    void sslRequestIsTheFixedPartWithClientSsl()
    {
        final ByteBuf payload = Fixtures.payloadOf(new SslRequest(
            CapabilityFlags.CLIENT_PROTOCOL_41 | CapabilityFlags.CLIENT_PLUGIN_AUTH, 1024, CharacterSets.UTF8MB4_GENERAL_CI));

        assertThat(Fixtures.hexOf(payload)).isEqualTo(String.join("",
            "00 0a 08 00",          // CLIENT_PROTOCOL_41 | CLIENT_SSL | CLIENT_PLUGIN_AUTH
            "00 04 00 00",          // max packet 1024
            "2d",                   // collation
            "00".repeat(23)         // filler and MariaDB extended capabilities
        ).replace(" ", ""));
    }

    @Test
    void defaultAttributesNameTheProgram()
    {
        assertThat(ConnectionAttributes.defaults().asMap())
            .containsEntry("program_name", "semisync-replica")
            .containsKey("_client_name");
    }

    @Test
    void refusesDatabaseWithoutCapability()
    {
        assertThatThrownBy(() -> new HandshakeResponse41(
            CAPABILITIES & ~CapabilityFlags.CLIENT_CONNECT_WITH_DB, 1, 45, "u", new byte[0], "db", "p", ConnectionAttributes.defaults()))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void decodesWhatTheClientWrites()
    {
        final Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("_client_name", "libmysql");
        attributes.put("program_name", "mysql");
        final HandshakeResponse41 written = new HandshakeResponse41(
            CAPABILITIES, 0x0100_0000, CharacterSets.UTF8MB4_GENERAL_CI, "repl", Fixtures.bytes("aabbcc"), "db1",
            "caching_sha2_password", ConnectionAttributes.of(attributes));
        final ByteBuf payload = Fixtures.payloadOf(written);

        final LoginHeader header = LoginHeader.decode(payload);
        final HandshakeResponse41 read = HandshakeResponse41.decode(header, payload);

        assertThat(header).isEqualTo(new LoginHeader(CAPABILITIES, 0x0100_0000, CharacterSets.UTF8MB4_GENERAL_CI));
        assertThat(read.user()).isEqualTo("repl");
        assertThat(read.authResponse()).isEqualTo(Fixtures.bytes("aabbcc"));
        assertThat(read.database()).isEqualTo("db1");
        assertThat(read.authPluginName()).isEqualTo("caching_sha2_password");
        assertThat(read.attributes().asMap()).isEqualTo(attributes);
        assertThat(payload.isReadable()).isFalse();
    }

    @Test
    void decodesAnOldStyleResponseWithOneByteAuthLengthAndNoOptionalFields()
    {
        final ByteBuf payload = Fixtures.buffer(
            "00 82 00 00",                  // CLIENT_PROTOCOL_41 | CLIENT_SECURE_CONNECTION
            "00 00 00 01",                  // max packet
            "21",                           // utf8_general_ci
            "00".repeat(23),                // filler
            Fixtures.ascii("old"), "00",    // user
            "02 ab cd");                    // auth response: u8 length 2

        final HandshakeResponse41 read = HandshakeResponse41.decode(LoginHeader.decode(payload), payload);

        assertThat(read.user()).isEqualTo("old");
        assertThat(read.authResponse()).isEqualTo(Fixtures.bytes("abcd"));
        assertThat(read.database()).isNull();
        assertThat(read.authPluginName()).isEmpty();
        assertThat(read.attributes().asMap()).isEmpty();
    }

    @Test
    void readsMariaDbExtendedCapabilitiesOnlyWhenBitZeroIsClear()
    {
        final String tail = "00 00 00 01" + "2d" + "00".repeat(19) + "04 00 00 00";    // max packet, collation, filler, extended bits 34
        assertThat(LoginHeader.decode(Fixtures.buffer("00 02 00 00", tail)).capabilities())
            .isEqualTo(CapabilityFlags.CLIENT_PROTOCOL_41 | CapabilityFlags.MARIADB_CLIENT_STMT_BULK_OPERATIONS);
        assertThat(LoginHeader.decode(Fixtures.buffer("01 02 00 00", tail)).capabilities())
            .isEqualTo(CapabilityFlags.CLIENT_PROTOCOL_41 | CapabilityFlags.CLIENT_LONG_PASSWORD);
    }

    @Test
    void refusesTruncatedOrOverlongFields()
    {
        final String header = "00 82 38 00" + "00 00 00 01" + "2d" + "00".repeat(23);  // PROTOCOL_41, SECURE_CONNECTION, PLUGIN_AUTH, CONNECT_ATTRS, LENENC
        assertThatThrownBy(() -> LoginHeader.decode(Fixtures.buffer("00 82")))
            .isInstanceOf(MalformedPacketException.class).hasMessageContaining("shorter than its 32-byte header");
        assertThatThrownBy(() -> decode(header, Fixtures.ascii("user")))
            .isInstanceOf(MalformedPacketException.class).hasMessageContaining("user name is not terminated by NUL");
        assertThatThrownBy(() -> decode(header, Fixtures.ascii("u"), "00", "fc ff ff", "00"))
            .isInstanceOf(MalformedPacketException.class).hasMessageContaining("65535 bytes but only 1 remain");
        assertThatThrownBy(() -> decode(header, Fixtures.ascii("u"), "00", "00", Fixtures.ascii("p"), "00", "05", "01 61"))
            .isInstanceOf(MalformedPacketException.class);
        assertThatThrownBy(() -> decode(header, Fixtures.ascii("u"), "00", "00", Fixtures.ascii("p"), "00", "02", "01 61"))
            .isInstanceOf(MalformedPacketException.class).hasMessageContaining("connection attribute 'a' has no value");
    }

    private static HandshakeResponse41 decode(final String... hex)
    {
        final ByteBuf payload = Fixtures.buffer(hex);
        return HandshakeResponse41.decode(LoginHeader.decode(payload), payload);
    }
}
