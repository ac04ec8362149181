package io.semisync.protocol.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.semisync.protocol.Fixtures;

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
}
