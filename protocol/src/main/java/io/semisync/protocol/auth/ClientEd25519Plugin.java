package io.semisync.protocol.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Optional;

import io.netty.buffer.ByteBuf;
import io.semisync.protocol.MalformedPacketException;
import net.i2p.crypto.eddsa.EdDSAEngine;
import net.i2p.crypto.eddsa.EdDSAPrivateKey;
import net.i2p.crypto.eddsa.spec.EdDSANamedCurveTable;
import net.i2p.crypto.eddsa.spec.EdDSAPrivateKeySpec;

/**
 * MariaDB's {@code client_ed25519}: the server sends a 32-byte nonce and the response is its Ed25519 signature
 * (64 bytes) under a key whose expanded secret is {@code SHA-512(password)}, where a standard Ed25519 key would
 * hash a 32-byte seed. The JDK's EdDSA only takes seeds, so the signature comes from the eddsa library, which
 * accepts the expanded secret.
 */
public final class ClientEd25519Plugin implements AuthenticationPlugin
{
    public static final String NAME = "client_ed25519";
    public static final ClientEd25519Plugin INSTANCE = new ClientEd25519Plugin();

    private static final int NONCE_LENGTH = 32;

    private ClientEd25519Plugin()
    {
    }

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public byte[] initialResponse(final AuthenticationContext context)
    {
        final byte[] nonce = context.nonce(NAME, NONCE_LENGTH);
        try
        {
            final byte[] expandedSecret = PasswordScrambles.digest("SHA-512", context.password().getBytes(StandardCharsets.UTF_8));
            final EdDSAEngine signature = new EdDSAEngine(MessageDigest.getInstance("SHA-512"));
            signature.initSign(new EdDSAPrivateKey(new EdDSAPrivateKeySpec(EdDSANamedCurveTable.ED_25519_CURVE_SPEC, expandedSecret)));
            return signature.signOneShot(nonce);
        }
        catch (final GeneralSecurityException ex)
        {
            throw new AuthenticationException(NAME + ": cannot sign the server's nonce: " + ex.getMessage(), ex);
        }
    }

    @Override
    public Optional<byte[]> onMoreData(final ByteBuf data, final AuthenticationContext context)
    {
        throw new MalformedPacketException(NAME + " takes no AuthMoreData, but the server sent " + data.readableBytes() + " bytes");
    }
}
