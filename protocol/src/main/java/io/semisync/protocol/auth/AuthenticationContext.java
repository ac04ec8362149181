package io.semisync.protocol.auth;

import java.security.interfaces.RSAPublicKey;

/**
 * What a plugin may use to answer the server: the secret, the server's nonce and the facts about the
 * transport and options that decide how the password may travel.
 *
 * @param password                 the clear-text password, empty for none
 * @param scramble                 the nonce from the handshake or the latest AuthSwitchRequest (20 bytes)
 * @param secureTransport          whether the connection is encrypted with TLS
 * @param allowPublicKeyRetrieval  whether the server may be asked for its RSA public key
 * @param serverPublicKey          the server's RSA key read from a configured PEM file, or {@code null}
 */
public record AuthenticationContext(
    String password,
    byte[] scramble,
    boolean secureTransport,
    boolean allowPublicKeyRetrieval,
    RSAPublicKey serverPublicKey)
{
    /** The same context with the nonce of an AuthSwitchRequest. */
    public AuthenticationContext withScramble(final byte[] newScramble)
    {
        return new AuthenticationContext(password, newScramble, secureTransport, allowPublicKeyRetrieval, serverPublicKey);
    }
}
