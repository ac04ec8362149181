package io.semisync.protocol.auth;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import io.netty.buffer.ByteBuf;
import io.semisync.protocol.MalformedPacketException;

/**
 * {@code mysql_native_password}: the response is
 * {@code SHA1(password) XOR SHA1(scramble + SHA1(SHA1(password)))}, or nothing for an empty password.
 */
public final class MySqlNativePasswordPlugin implements AuthenticationPlugin
{
    public static final String NAME = "mysql_native_password";
    public static final MySqlNativePasswordPlugin INSTANCE = new MySqlNativePasswordPlugin();

    private MySqlNativePasswordPlugin()
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
        final byte[] nonce = context.nonce(NAME, AuthenticationContext.PASSWORD_NONCE_LENGTH);
        final byte[] passwordHash = PasswordScrambles.digest("SHA-1", context.password().getBytes(StandardCharsets.UTF_8));
        final byte[] doubleHash = PasswordScrambles.digest("SHA-1", passwordHash);
        return PasswordScrambles.xor(passwordHash, PasswordScrambles.digest("SHA-1", nonce, doubleHash));
    }

    @Override
    public Optional<byte[]> onMoreData(final ByteBuf data, final AuthenticationContext context)
    {
        throw new MalformedPacketException(NAME + " takes no AuthMoreData, but the server sent " + data.readableBytes() + " bytes");
    }
}
