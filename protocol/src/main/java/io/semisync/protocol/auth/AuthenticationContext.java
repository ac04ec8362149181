package io.semisync.protocol.auth;

import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;

import io.semisync.protocol.MalformedPacketException;

/**
 * What a plugin may use to answer the server: the secret, the server's nonce and the facts about the
 * transport and options that decide how the password may travel.
 *
 * @param password                 the clear-text password, empty for none
 * @param scramble                 the plugin data of the handshake or the latest AuthSwitchRequest, as sent: the
 *                                 password plugins' 20-byte nonce may be followed by a NUL; see {@link #nonce}
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
    /** The nonce length of mysql_native_password and caching_sha2_password. */
    public static final int PASSWORD_NONCE_LENGTH = 20;

    /**
     * The first {@code length} bytes of the plugin data: the nonce a plugin signs or hashes.
     *
     * @throws MalformedPacketException if the server sent fewer
     */
    public byte[] nonce(final String plugin, final int length)
    {
        if (scramble.length < length)
        {
            throw new MalformedPacketException(plugin + " needs a " + length + "-byte nonce but the server sent " + scramble.length + " bytes");
        }
        return scramble.length == length ? scramble : Arrays.copyOf(scramble, length);
    }

    /** The same context with the nonce of an AuthSwitchRequest. */
    public AuthenticationContext withScramble(final byte[] newScramble)
    {
        return new AuthenticationContext(password, newScramble, secureTransport, allowPublicKeyRetrieval, serverPublicKey);
    }
}
