package io.semisync.protocol.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.semisync.protocol.Fixtures;
import io.semisync.protocol.MalformedPacketException;

public class HandshakeV10Test
{
    /** The greeting of MySQL 9.7 (scramble replaced by 01..14). */
    public static final String[] MYSQL_GREETING = {
        "0a",                                       // protocol version 10
        Fixtures.ascii("9.7.4-2"), "00",            // server version, NUL
        "0a 00 00 00",                              // connection id 10
        "01 02 03 04 05 06 07 08",                  // scramble, first 8 bytes
        "00",                                       // filler
        "ff ff",                                    // capabilities 0-15
        "ff",                                       // collation 255
        "02 00",                                    // status: autocommit
        "ff df",                                    // capabilities 16-31
        "15",                                       // scramble length 21
        "00 00 00 00 00 00 00 00 00 00",            // reserved
        "09 0a 0b 0c 0d 0e 0f 10 11 12 13 14 00",   // scramble, last 12 bytes and NUL
        Fixtures.ascii("caching_sha2_password"), "00"};

    /** The greeting of MariaDB 10.11: version prefix "5.5.5-", bit 0 clear, extended capabilities in the reserved bytes. */
    public static final String[] MARIADB_GREETING = {
        "0a",                                               // protocol version 10
        Fixtures.ascii("5.5.5-10.11.19-MariaDB"), "00",     // server version with MariaDB's prefix
        "04 00 00 00",                                      // connection id 4
        "21 22 23 24 25 26 27 28",                          // scramble, first 8 bytes
        "00",                                               // filler
        "fe ff",                                            // capabilities 0-15, CLIENT_MYSQL clear
        "2d",                                               // collation 45
        "02 00",                                            // status: autocommit
        "ff 81",                                            // capabilities 16-31
        "15",                                               // scramble length 21
        "00 00 00 00 00 00",                                // reserved
        "1d 00 00 00",                                      // MariaDB capabilities 32-63
        "29 2a 2b 2c 2d 2e 2f 30 31 32 33 34 00",           // scramble, last 12 bytes and NUL
        Fixtures.ascii("mysql_native_password"), "00"};

    @Test
    void decodesMySqlGreeting()
    {
        final HandshakeV10 greeting = HandshakeV10.decode(Fixtures.buffer(MYSQL_GREETING));

        assertThat(greeting.flavor()).isEqualTo(ServerFlavor.MYSQL);
        assertThat(greeting.serverVersion()).isEqualTo("9.7.4-2");
        assertThat(greeting.connectionId()).isEqualTo(10);
        assertThat(greeting.scramble()).isEqualTo(Fixtures.bytes("0102030405060708090a0b0c0d0e0f1011121314"));
        assertThat(greeting.capabilities()).isEqualTo(0xDFFF_FFFFL);
        assertThat(greeting.characterSet()).isEqualTo(255);
        assertThat(greeting.statusFlags()).isEqualTo(2);
        assertThat(greeting.authPluginName()).isEqualTo("caching_sha2_password");
    }

    @Test
    void decodesMariaDbGreetingWithExtendedCapabilities()
    {
        final HandshakeV10 greeting = HandshakeV10.decode(Fixtures.buffer(MARIADB_GREETING));

        assertThat(greeting.flavor()).isEqualTo(ServerFlavor.MARIADB);
        assertThat(greeting.serverVersion()).isEqualTo("10.11.19-MariaDB");
        assertThat(greeting.connectionId()).isEqualTo(4);
        assertThat(greeting.capabilities()).isEqualTo(0x1D_81FF_FFFEL);
        assertThat(CapabilityFlags.has(greeting.capabilities(), CapabilityFlags.MARIADB_CLIENT_EXTENDED_METADATA)).isTrue();
        assertThat(CapabilityFlags.has(greeting.capabilities(), CapabilityFlags.CLIENT_LONG_PASSWORD)).isFalse();
        assertThat(greeting.scramble()).hasSize(20);
        assertThat(greeting.authPluginName()).isEqualTo("mysql_native_password");
    }

    @Test
    void rejectsOtherProtocolVersionsAndTruncation()
    {
        assertThatThrownBy(() -> HandshakeV10.decode(Fixtures.buffer("09", "00")))
            .isInstanceOf(MalformedPacketException.class)
            .hasMessageContaining("version 9");
        assertThatThrownBy(() -> HandshakeV10.decode(Fixtures.buffer("0a", Fixtures.ascii("9.7"), "00", "01 00")))
            .isInstanceOf(MalformedPacketException.class)
            .hasMessageContaining("truncated");
    }

    @Test
    void encodesMySqlGreetingByteForByte()
    {
        final HandshakeV10 greeting = HandshakeV10.decode(Fixtures.buffer(MYSQL_GREETING));

        assertThat(Fixtures.hexOf(Fixtures.payloadOf(greeting))).isEqualTo(Fixtures.hexOf(Fixtures.buffer(MYSQL_GREETING)));
        assertThat(greeting.payloadLength()).isEqualTo(Fixtures.bytes(MYSQL_GREETING).length);
    }

    @Test
    void encodesMariaDbGreetingWithPrefixAndExtendedCapabilities()
    {
        final HandshakeV10 greeting = HandshakeV10.decode(Fixtures.buffer(MARIADB_GREETING));

        final HandshakeV10 decodedAgain = HandshakeV10.decode(Fixtures.payloadOf(greeting));

        assertThat(decodedAgain.serverVersion()).isEqualTo("10.11.19-MariaDB");
        assertThat(decodedAgain.capabilities()).isEqualTo(greeting.capabilities());
        assertThat(decodedAgain.scramble()).isEqualTo(greeting.scramble());
    }
}
