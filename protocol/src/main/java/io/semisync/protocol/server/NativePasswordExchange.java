package io.semisync.protocol.server;

import io.semisync.protocol.auth.PasswordHashes;

/** mysql_native_password: one answer, {@code SHA1(password) XOR SHA1(scramble + SHA1(SHA1(password)))}, checked against the stored double hash. */
final class NativePasswordExchange implements PasswordExchange
{
    private final ServerUser user;
    private final byte[] scramble;

    NativePasswordExchange(final ServerUser user, final byte[] scramble)
    {
        this.user = user;
        this.scramble = scramble;
    }

    @Override
    public AuthStep onClientData(final byte[] data)
    {
        if (data.length == 0)
        {
            return new AuthStep.Deny(false);
        }
        return PasswordHashes.nativeScrambleMatches(scramble, data, user.doubleHash()) ? new AuthStep.Accept(null) : new AuthStep.Deny(true);
    }
}
