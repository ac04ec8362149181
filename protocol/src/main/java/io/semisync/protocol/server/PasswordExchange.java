package io.semisync.protocol.server;

/**
 * The server's half of one login with one {@link AuthMethod}: fed the client's authentication data in turn,
 * it says what happens next. One instance per login, used on the connection's event loop.
 */
interface PasswordExchange
{
    /** The next step after the client's data: its first answer to the scramble, then whatever the step asked for. */
    AuthStep onClientData(byte[] data);

    /** The exchange for {@code user}'s method. */
    static PasswordExchange forUser(final ServerUser user, final byte[] scramble, final boolean secure, final ServerContext context)
    {
        return user.method() == AuthMethod.MYSQL_NATIVE_PASSWORD
            ? new NativePasswordExchange(user, scramble)
            : new CachingSha2Exchange(user, scramble, secure, context);
    }
}
