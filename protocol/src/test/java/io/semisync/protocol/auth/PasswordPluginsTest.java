package io.semisync.protocol.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Cipher;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.semisync.protocol.Fixtures;

class PasswordPluginsTest
{
    private static final String PASSWORD = "repl-secret";
    /** A 20-byte nonce 01..14. */
    private static final byte[] SCRAMBLE = Fixtures.bytes("0102030405060708090a0b0c0d0e0f1011121314");

    private static KeyPair keyPair;

    @BeforeAll
    static void generateKey() throws Exception
    {
        final KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keyPair = generator.generateKeyPair();
    }

    @Test
    void nativePasswordMatchesAVectorComputedWithPython()
    {
        // python3: h1 = sha1(p); x = sha1(s + sha1(h1)); h1 XOR x
        assertThat(MySqlNativePasswordPlugin.INSTANCE.initialResponse(context(false, false, null)))
            .isEqualTo(Fixtures.bytes("503fb82f70efae9b2d85eaaa95a4fa7fc51419b6"));
    }

    @Test
    void nativePasswordMatchesTheFormulaStepByStep() throws Exception
    {
        final MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        final byte[] stage1 = sha1.digest(PASSWORD.getBytes(StandardCharsets.UTF_8));
        final byte[] stage2 = sha1.digest(stage1);
        sha1.update(SCRAMBLE);
        final byte[] mask = sha1.digest(stage2);
        final byte[] expected = new byte[20];
        for (int i = 0; i < 20; i++)
        {
            expected[i] = (byte)(stage1[i] ^ mask[i]);
        }

        assertThat(MySqlNativePasswordPlugin.INSTANCE.initialResponse(context(false, false, null))).isEqualTo(expected);
    }

    @Test
    void emptyPasswordSendsNothing()
    {
        final AuthenticationContext empty = new AuthenticationContext("", SCRAMBLE, false, false, null);
        assertThat(MySqlNativePasswordPlugin.INSTANCE.initialResponse(empty)).isEmpty();
        assertThat(CachingSha2PasswordPlugin.INSTANCE.initialResponse(empty)).isEmpty();
    }

    @Test
    void cachingSha2MatchesAVectorComputedWithPython()
    {
        // python3: d1 = sha256(p); y = sha256(sha256(d1) + s); d1 XOR y
        assertThat(CachingSha2PasswordPlugin.INSTANCE.initialResponse(context(false, false, null)))
            .isEqualTo(Fixtures.bytes("a407f32d154b32e2e60b79f75c4e59b2725207d439b8ab44f3fb6e362eccc17a"));
    }

    @Test
    void fastAuthSuccessNeedsNoAnswer()
    {
        assertThat(CachingSha2PasswordPlugin.INSTANCE.onMoreData(Fixtures.buffer("03"), context(false, false, null))).isEmpty();
    }

    @Test
    void fullAuthOverTlsSendsThePasswordInClearWithNul()
    {
        assertThat(CachingSha2PasswordPlugin.INSTANCE.onMoreData(Fixtures.buffer("04"), context(true, false, null)))
            .contains(Fixtures.bytes(Fixtures.ascii(PASSWORD), "00"));
    }

    @Test
    void fullAuthWithoutTlsRequestsTheKeyOnlyWhenAllowed()
    {
        assertThat(CachingSha2PasswordPlugin.INSTANCE.onMoreData(Fixtures.buffer("04"), context(false, true, null)))
            .contains(new byte[] {0x02});
        assertThatThrownBy(() -> CachingSha2PasswordPlugin.INSTANCE.onMoreData(Fixtures.buffer("04"), context(false, false, null)))
            .isInstanceOf(AuthenticationException.class)
            .hasMessageContaining("serverPublicKeyPath")
            .hasMessageContaining("allowPublicKeyRetrieval");
    }

    @Test
    void fullAuthWithConfiguredKeyEncryptsPasswordXorScramble() throws Exception
    {
        final byte[] encrypted = CachingSha2PasswordPlugin.INSTANCE
            .onMoreData(Fixtures.buffer("04"), context(false, false, (RSAPublicKey)keyPair.getPublic()))
            .orElseThrow();

        assertThat(decrypt(encrypted)).isEqualTo(expectedClearText());
    }

    @Test
    void retrievedPemKeyIsUsedForEncryption() throws Exception
    {
        final String pem = pem((RSAPublicKey)keyPair.getPublic());

        final byte[] encrypted = CachingSha2PasswordPlugin.INSTANCE
            .onMoreData(Fixtures.buffer(Fixtures.ascii(pem)), context(false, true, null))
            .orElseThrow();

        assertThat(decrypt(encrypted)).isEqualTo(expectedClearText());
        assertThat(RsaPasswordEncryption.parsePublicKey(pem)).isEqualTo(keyPair.getPublic());
    }

    @Test
    void rejectsPkcs1KeyWithAHint()
    {
        assertThatThrownBy(() -> RsaPasswordEncryption.parsePublicKey("-----BEGIN RSA PUBLIC KEY-----\nAAAA\n-----END RSA PUBLIC KEY-----"))
            .isInstanceOf(AuthenticationException.class)
            .hasMessageContaining("BEGIN PUBLIC KEY");
    }

    @Test
    void decodesAuthSwitchRequest()
    {
        final AuthSwitchRequest request = AuthSwitchRequest.decode(Fixtures.buffer(
            "fe",                                               // AuthSwitchRequest header
            Fixtures.ascii("mysql_native_password"), "00",      // plugin name
            "0102030405060708090a0b0c0d0e0f1011121314", "00")); // new nonce and NUL

        assertThat(request.pluginName()).isEqualTo("mysql_native_password");
        assertThat(request.pluginData()).hasSize(21).endsWith(0);
        final AuthenticationContext context = new AuthenticationContext(PASSWORD, request.pluginData(), false, false, null);
        assertThat(context.nonce("mysql_native_password", AuthenticationContext.PASSWORD_NONCE_LENGTH)).isEqualTo(SCRAMBLE);
    }

    @Test
    void anEd25519NonceEndingInZeroKeepsAllItsBytes()
    {
        final byte[] nonce = new byte[32];
        nonce[0] = 0x5a;
        final AuthSwitchRequest request = AuthSwitchRequest.decode(Fixtures.buffer(
            "fe", Fixtures.ascii("client_ed25519"), "00",       // header, plugin name
            HexFormat.of().formatHex(nonce)));                 // 32-byte nonce, no terminator, last byte 0

        assertThat(request.pluginData()).isEqualTo(nonce);
    }

    @Test
    void choosesPluginsByName()
    {
        assertThat(AuthenticationPlugins.defaults().require("caching_sha2_password")).isSameAs(CachingSha2PasswordPlugin.INSTANCE);
        assertThat(AuthenticationPlugins.defaults().require("client_ed25519")).isSameAs(ClientEd25519Plugin.INSTANCE);
        assertThatThrownBy(() -> AuthenticationPlugins.defaults().require("authentication_kerberos_client"))
            .isInstanceOf(AuthenticationException.class)
            .hasMessageContaining("authentication_kerberos_client")
            .hasMessageContaining("client_ed25519");
    }

    private static AuthenticationContext context(final boolean secure, final boolean retrieve, final RSAPublicKey key)
    {
        return new AuthenticationContext(PASSWORD, SCRAMBLE, secure, retrieve, key);
    }

    private static byte[] decrypt(final byte[] encrypted) throws Exception
    {
        final Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
        cipher.init(Cipher.DECRYPT_MODE, keyPair.getPrivate());
        return cipher.doFinal(encrypted);
    }

    /** (password + NUL) XOR the scramble, computed byte by byte. */
    private static byte[] expectedClearText()
    {
        final byte[] clear = (PASSWORD + "\0").getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < clear.length; i++)
        {
            clear[i] ^= SCRAMBLE[i % SCRAMBLE.length];
        }
        return clear;
    }

    private static String pem(final RSAPublicKey key)
    {
        return "-----BEGIN PUBLIC KEY-----\n" +
            Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded()) +
            "\n-----END PUBLIC KEY-----\n";
    }

    @Test
    void serverChecksTheScramblesTheClientPluginsCompute()
    {
        final byte[] password = PASSWORD.getBytes(StandardCharsets.UTF_8);
        final byte[] nativeAnswer = MySqlNativePasswordPlugin.INSTANCE.initialResponse(context(false, false, null));
        final byte[] sha2Answer = CachingSha2PasswordPlugin.INSTANCE.initialResponse(context(false, false, null));
        final byte[] otherScramble = Fixtures.bytes("1112131415161718191a1b1c1d1e1f2021222324");

        assertThat(PasswordHashes.nativeScrambleMatches(SCRAMBLE, nativeAnswer, PasswordHashes.nativeDoubleHash(password))).isTrue();
        assertThat(PasswordHashes.nativeScrambleMatches(otherScramble, nativeAnswer, PasswordHashes.nativeDoubleHash(password))).isFalse();
        assertThat(PasswordHashes.nativeScrambleMatches(SCRAMBLE, new byte[19], PasswordHashes.nativeDoubleHash(password))).isFalse();
        assertThat(PasswordHashes.sha2ScrambleMatches(SCRAMBLE, sha2Answer, PasswordHashes.sha2DoubleHash(password))).isTrue();
        assertThat(PasswordHashes.sha2ScrambleMatches(SCRAMBLE, sha2Answer, PasswordHashes.sha2DoubleHash("other".getBytes(StandardCharsets.UTF_8))))
            .isFalse();
        assertThat(PasswordHashes.sha2PasswordMatches(password, PasswordHashes.sha2DoubleHash(password))).isTrue();
        assertThat(PasswordHashes.sha2PasswordMatches("x".getBytes(StandardCharsets.UTF_8), PasswordHashes.sha2DoubleHash(password))).isFalse();
    }

    @Test
    void nativeDoubleHashIsWhatMySqlStores()
    {
        // MySQL 5.7: SELECT PASSWORD('password') = *2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19
        assertThat(HexFormat.of().withUpperCase().formatHex(PasswordHashes.nativeDoubleHash("password".getBytes(StandardCharsets.UTF_8))))
            .isEqualTo("2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19");
    }

    @Test
    void serverDecryptsWhatTheClientEncryptsAndPublishesAParsablePem()
    {
        final RSAPublicKey publicKey = RsaPasswordEncryption.parsePublicKey(RsaPasswordEncryption.toPem((RSAPublicKey)keyPair.getPublic()));
        final byte[] ciphertext = RsaPasswordEncryption.encrypt(PASSWORD, SCRAMBLE, publicKey);

        assertThat(new String(RsaPasswordEncryption.decrypt(ciphertext, SCRAMBLE, (RSAPrivateKey)keyPair.getPrivate()),
            StandardCharsets.UTF_8)).isEqualTo(PASSWORD);
        assertThat(RsaPasswordEncryption.toPem(publicKey)).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("-----END PUBLIC KEY-----\n");
        assertThat(RsaPasswordEncryption.decrypt(PASSWORD.getBytes(StandardCharsets.UTF_8), SCRAMBLE,
            (RSAPrivateKey)keyPair.getPrivate())).isEmpty();
    }

    @Test
    void encodesAuthSwitchRequestAndAuthMoreData()
    {
        final AuthSwitchRequest request = new AuthSwitchRequest("mysql_native_password", Fixtures.bytes("0102", "00"));

        assertThat(Fixtures.hexOf(Fixtures.payloadOf(request))).isEqualTo(
            "fe" + Fixtures.ascii("mysql_native_password") + "00" + "010200");     // header, plugin, NUL, data as given
        assertThat(AuthSwitchRequest.decode(Fixtures.payloadOf(request)).pluginName()).isEqualTo("mysql_native_password");
        assertThat(Fixtures.hexOf(Fixtures.payloadOf(AuthMoreData.status(AuthMoreData.FAST_AUTH_SUCCESS)))).isEqualTo("0103");
    }
}
