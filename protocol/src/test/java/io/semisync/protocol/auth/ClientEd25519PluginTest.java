package io.semisync.protocol.auth;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.HexFormat;

import io.semisync.protocol.MalformedPacketException;
import net.i2p.crypto.eddsa.EdDSAEngine;
import net.i2p.crypto.eddsa.EdDSAPublicKey;
import net.i2p.crypto.eddsa.spec.EdDSANamedCurveTable;
import net.i2p.crypto.eddsa.spec.EdDSAPrivateKeySpec;
import net.i2p.crypto.eddsa.spec.EdDSAPublicKeySpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientEd25519PluginTest
{
    /** 32 ASCII characters: as a password its bytes are also a standard Ed25519 seed, so the JDK can check the plugin. */
    private static final String SEED_LIKE_PASSWORD = "0123456789abcdefghijklmnopqrstuv";
    private static final byte[] NONCE = HexFormat.of().parseHex("8f1e2d3c4b5a69788796a5b4c3d2e1f00112233445566778899aabbccddeeff0");

    @Test
    void signsTheNonceAsEd25519WithTheHashedPasswordAsExpandedSecret() throws Exception
    {
        final byte[] response = ClientEd25519Plugin.INSTANCE.initialResponse(context(SEED_LIKE_PASSWORD, NONCE));

        final PrivateKey jdkKey = KeyFactory.getInstance("Ed25519")
            .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, SEED_LIKE_PASSWORD.getBytes(StandardCharsets.US_ASCII)));
        final Signature jdk = Signature.getInstance("Ed25519");
        jdk.initSign(jdkKey);
        jdk.update(NONCE);
        assertThat(response).hasSize(64).isEqualTo(jdk.sign());
    }

    @Test
    void passwordsOfAnyLengthGiveSignaturesThatVerifyUnderTheirPublicKey() throws Exception
    {
        final String password = "a much longer password than any Ed25519 seed, with ünïcödé";
        final byte[] response = ClientEd25519Plugin.INSTANCE.initialResponse(context(password, NONCE));

        final EdDSAPrivateKeySpec secret = new EdDSAPrivateKeySpec(EdDSANamedCurveTable.ED_25519_CURVE_SPEC,
            MessageDigest.getInstance("SHA-512").digest(password.getBytes(StandardCharsets.UTF_8)));
        final EdDSAEngine verifier = new EdDSAEngine(MessageDigest.getInstance("SHA-512"));
        verifier.initVerify(new EdDSAPublicKey(new EdDSAPublicKeySpec(secret.getA(), EdDSANamedCurveTable.ED_25519_CURVE_SPEC)));
        assertThat(verifier.verifyOneShot(NONCE, response)).isTrue();
        assertThat(verifier.verifyOneShot(NONCE, ClientEd25519Plugin.INSTANCE.initialResponse(context(password + "!", NONCE)))).isFalse();
    }

    @Test
    void aShortNonceIsRejected()
    {
        assertThatThrownBy(() -> ClientEd25519Plugin.INSTANCE.initialResponse(context("pw", new byte[20])))
            .isInstanceOf(MalformedPacketException.class)
            .hasMessageContaining("32-byte nonce")
            .hasMessageContaining("20 bytes");
    }

    private static AuthenticationContext context(final String password, final byte[] nonce)
    {
        return new AuthenticationContext(password, nonce, false, false, null);
    }
}
