package io.semisync.protocol.server;

import java.util.Arrays;

import io.semisync.protocol.auth.AuthMoreData;
import io.semisync.protocol.auth.PasswordHashes;
import io.semisync.protocol.auth.RsaPasswordEncryption;

/**
 * caching_sha2_password, as MySQL's server plays it (sql/auth/sha2_password.cc):
 * <ol>
 *   <li>the client answers the scramble with {@code SHA256(pw) XOR SHA256(SHA256(SHA256(pw)) + scramble)} (32 bytes);</li>
 *   <li>fast path: when the user passed full authentication before (the server's cache) and the answer matches,
 *       AuthMoreData {@code 0x03} and OK;</li>
 *   <li>otherwise AuthMoreData {@code 0x04} asks for full authentication: over TLS the client sends the password and
 *       a NUL in clear; without TLS it sends {@code 0x02} to get the RSA public key (sent as AuthMoreData) and then
 *       {@code RSA-OAEP((password + NUL) XOR scramble)}, or that ciphertext at once if it knows the key. Anything
 *       else without TLS, a cleartext password included, is refused like a wrong password;</li>
 *   <li>a password that matches the stored SHA256(SHA256(pw)) enters the cache.</li>
 * </ol>
 */
final class CachingSha2Exchange implements PasswordExchange
{
    private static final int SCRAMBLE_ANSWER_LENGTH = 32;

    private enum State
    {
        SCRAMBLE,
        PASSWORD,
        ENCRYPTED_PASSWORD
    }

    private final ServerUser user;
    private final byte[] scramble;
    private final boolean secure;
    private final ServerContext context;
    private State state = State.SCRAMBLE;

    CachingSha2Exchange(final ServerUser user, final byte[] scramble, final boolean secure, final ServerContext context)
    {
        this.user = user;
        this.scramble = scramble;
        this.secure = secure;
        this.context = context;
    }

    @Override
    public AuthStep onClientData(final byte[] data)
    {
        switch (state)
        {
            case SCRAMBLE:
                return onScramble(data);
            case PASSWORD:
                return onPassword(data);
            default:
                return onEncryptedPassword(data);
        }
    }

    private AuthStep onScramble(final byte[] data)
    {
        if (data.length == 0 || data.length == 1 && data[0] == 0)
        {
            return new AuthStep.Deny(false);
        }
        if (data.length != SCRAMBLE_ANSWER_LENGTH)
        {
            return new AuthStep.Deny(true);
        }
        if (context.isFullyAuthenticated(user) && PasswordHashes.sha2ScrambleMatches(scramble, data, user.doubleHash()))
        {
            return new AuthStep.Accept(AuthMoreData.status(AuthMoreData.FAST_AUTH_SUCCESS));
        }
        state = State.PASSWORD;
        return new AuthStep.Reply(AuthMoreData.status(AuthMoreData.PERFORM_FULL_AUTHENTICATION));
    }

    private AuthStep onPassword(final byte[] data)
    {
        if (secure)
        {
            final int length = data.length > 0 && data[data.length - 1] == 0 ? data.length - 1 : data.length;
            return verify(Arrays.copyOf(data, length));
        }
        if (data.length == 1 && data[0] == AuthMoreData.REQUEST_PUBLIC_KEY)
        {
            state = State.ENCRYPTED_PASSWORD;
            return new AuthStep.Reply(new AuthMoreData(context.publicKeyPem()));
        }
        return onEncryptedPassword(data);
    }

    private AuthStep onEncryptedPassword(final byte[] data)
    {
        if (data.length != context.rsaCiphertextLength())
        {
            return new AuthStep.Deny(true);
        }
        return verify(RsaPasswordEncryption.decrypt(data, scramble, context.privateKey()));
    }

    private AuthStep verify(final byte[] password)
    {
        if (password.length == 0 || !PasswordHashes.sha2PasswordMatches(password, user.doubleHash()))
        {
            return new AuthStep.Deny(true);
        }
        context.rememberFullyAuthenticated(user);
        return new AuthStep.Accept(null);
    }
}
