package io.semisync.protocol.auth;

/** The one-byte messages caching_sha2_password exchanges in AuthMoreData ({@code ResponseHeader.AUTH_MORE_DATA}). */
public final class AuthMoreData
{
    /** Client to server: send me your RSA public key. */
    public static final int REQUEST_PUBLIC_KEY = 0x02;
    /** Server to client: the cached hash matched, an OK packet follows. */
    public static final int FAST_AUTH_SUCCESS = 0x03;
    /** Server to client: no cached hash, send the password (over TLS or RSA-encrypted). */
    public static final int PERFORM_FULL_AUTHENTICATION = 0x04;

    private AuthMoreData()
    {
    }
}
