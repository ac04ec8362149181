package io.semisync.protocol.auth;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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

    private static final int SCRAMBLE_LENGTH = 20;

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
        final byte[] scramble = context.scramble();
        if (scramble.length < SCRAMBLE_LENGTH)
        {
            throw new MalformedPacketException(NAME + " needs a 20-byte scramble but the server sent " + scramble.length);
        }
        final byte[] nonce = scramble.length == SCRAMBLE_LENGTH ? scramble : Arrays.copyOf(scramble, SCRAMBLE_LENGTH);
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
