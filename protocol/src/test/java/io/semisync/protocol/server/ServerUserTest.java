package io.semisync.protocol.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class ServerUserTest
{
    @Test
    void nativeStoredHashIsMySqlsForm()
    {
        // MySQL 5.7: SELECT PASSWORD('password')
        assertThat(ServerUser.storedHash(AuthMethod.MYSQL_NATIVE_PASSWORD, "password")).isEqualTo("*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19");

        final ServerUser user = ServerUser.withStoredHash("admin", "*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19");

        assertThat(user.method()).isEqualTo(AuthMethod.MYSQL_NATIVE_PASSWORD);
        assertThat(user.doubleHash()).isEqualTo(ServerUser.withPassword("admin", AuthMethod.MYSQL_NATIVE_PASSWORD, "password").doubleHash());
    }

    @Test
    void sha2StoredHashIsThePrefixAndTheHexOfTheDoubleSha256() throws Exception
    {
        final MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        final String expected = "$sha2$" + HexFormat.of().formatHex(sha256.digest(sha256.digest("pw".getBytes(StandardCharsets.UTF_8))));

        assertThat(ServerUser.storedHash(AuthMethod.CACHING_SHA2_PASSWORD, "pw")).isEqualTo(expected);
        final ServerUser user = ServerUser.withStoredHash("admin", expected.toUpperCase().replace("$SHA2$", "$sha2$"));
        assertThat(user.method()).isEqualTo(AuthMethod.CACHING_SHA2_PASSWORD);
        assertThat(user.doubleHash()).isEqualTo(ServerUser.withPassword("admin", AuthMethod.CACHING_SHA2_PASSWORD, "pw").doubleHash());
    }

    @Test
    void badStoredHashesAreRefusedWithoutEchoingThem()
    {
        assertThatThrownBy(() -> ServerUser.withStoredHash("admin", "secret-looking-text"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("user 'admin'")
            .hasMessageContaining("ServerUser.storedHash")
            .hasMessageNotContaining("secret-looking-text");
        assertThatThrownBy(() -> ServerUser.withStoredHash("admin", "*ABC"))
            .hasMessageContaining("3 characters after it; expected 40 hex digits");
        assertThatThrownBy(() -> ServerUser.withStoredHash("admin", "$sha2$" + "zz".repeat(32)))
            .hasMessageContaining("expected 64 hex digits");
    }

    @Test
    void refusesEmptyPasswordsAndBadNames()
    {
        assertThatThrownBy(() -> ServerUser.withPassword("admin", AuthMethod.CACHING_SHA2_PASSWORD, ""))
            .hasMessageContaining("password must not be empty");
        assertThatThrownBy(() -> ServerUser.withPassword("", AuthMethod.CACHING_SHA2_PASSWORD, "x"))
            .hasMessageContaining("user name must have 1 to 32 characters");
        assertThatThrownBy(() -> ServerUser.withPassword("a".repeat(33), AuthMethod.CACHING_SHA2_PASSWORD, "x"))
            .hasMessageContaining("user name must have 1 to 32 characters");
    }

    @Test
    void toStringShowsNoHash()
    {
        assertThat(ServerUser.withPassword("admin", AuthMethod.MYSQL_NATIVE_PASSWORD, "password"))
            .hasToString("ServerUser{admin, mysql_native_password}");
    }
}
