package io.semisync.protocol.auth;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import io.netty.buffer.ByteBuf;
import io.semisync.protocol.MalformedPacketException;

/**
 * {@code caching_sha2_password}. The first response is
 * {@code SHA256(password) XOR SHA256(SHA256(SHA256(password)) + scramble)} (nothing for an empty password).
 * The server then sends AuthMoreData: {@code 0x03} when its cache matched (an OK follows) or {@code 0x04}
 * for full authentication, where the password travels in clear with a NUL over TLS, or else RSA-encrypted
 * ({@link RsaPasswordEncryption}) with a configured key or one requested with {@code 0x02}.
 */
public final class CachingSha2PasswordPlugin implements AuthenticationPlugin
{
    public static final String NAME = "caching_sha2_password";
    public static final CachingSha2PasswordPlugin INSTANCE = new CachingSha2PasswordPlugin();

    private CachingSha2PasswordPlugin()
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
        if (context.password().isEmpty())
        {
            return new byte[0];
        }
        final byte[] passwordHash = PasswordScrambles.digest("SHA-256", context.password().getBytes(StandardCharsets.UTF_8));
        final byte[] doubleHash = PasswordScrambles.digest("SHA-256", passwordHash);
        final byte[] nonce = context.nonce(NAME, AuthenticationContext.PASSWORD_NONCE_LENGTH);
        return PasswordScrambles.xor(passwordHash, PasswordScrambles.digest("SHA-256", doubleHash, nonce));
    }

    @Override
    public Optional<byte[]> onMoreData(final ByteBuf data, final AuthenticationContext context)
    {
        if (!data.isReadable())
        {
            throw new MalformedPacketException(NAME + ": empty AuthMoreData");
        }
        if (data.readableBytes() == 1)
        {
            final int status = data.getUnsignedByte(data.readerIndex());
            if (status == AuthMoreData.FAST_AUTH_SUCCESS)
            {
                return Optional.empty();
            }
            if (status == AuthMoreData.PERFORM_FULL_AUTHENTICATION)
            {
                return Optional.of(fullAuthentication(context));
            }
        }
        final String text = data.toString(StandardCharsets.US_ASCII);
        if (RsaPasswordEncryption.isPemPublicKey(text))
        {
            return Optional.of(RsaPasswordEncryption.encrypt(context.password(), context.nonce(NAME, AuthenticationContext.PASSWORD_NONCE_LENGTH),
                RsaPasswordEncryption.parsePublicKey(text)));
        }
        throw new MalformedPacketException(NAME + ": unexpected AuthMoreData of " + data.readableBytes() + " bytes");
    }

    private static byte[] fullAuthentication(final AuthenticationContext context)
    {
        if (context.secureTransport())
        {
            final byte[] clear = context.password().getBytes(StandardCharsets.UTF_8);
            final byte[] terminated = new byte[clear.length + 1];
            System.arraycopy(clear, 0, terminated, 0, clear.length);
            return terminated;
        }
        if (context.serverPublicKey() != null)
        {
            return RsaPasswordEncryption.encrypt(context.password(), context.nonce(NAME, AuthenticationContext.PASSWORD_NONCE_LENGTH),
                context.serverPublicKey());
        }
        if (context.allowPublicKeyRetrieval())
        {
            return new byte[] {(byte)AuthMoreData.REQUEST_PUBLIC_KEY};
        }
        throw new AuthenticationException(NAME + " needs full authentication, which without TLS needs the server's RSA public key: " +
            "set serverPublicKeyPath to the server's public key PEM, or allowPublicKeyRetrieval=true, or use a tlsMode other than DISABLED");
    }
}
