package io.semisync.protocol.server;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.semisync.protocol.auth.RsaPasswordEncryption;
import io.semisync.protocol.handshake.CapabilityFlags;

/**
 * What every connection of one server shares: settings, handler, RSA keys, connection ids and the cache of
 * caching_sha2_password users that have passed full authentication since the server started.
 */
final class ServerContext
{
    /** Length of the scramble (nonce) in the greeting. */
    static final int SCRAMBLE_LENGTH = 20;

    /** What the server offers; CLIENT_SSL is added when TLS is configured. */
    private static final long BASE_CAPABILITIES = CapabilityFlags.CLIENT_LONG_PASSWORD |
        CapabilityFlags.CLIENT_FOUND_ROWS |
        CapabilityFlags.CLIENT_LONG_FLAG |
        CapabilityFlags.CLIENT_CONNECT_WITH_DB |
        CapabilityFlags.CLIENT_PROTOCOL_41 |
        CapabilityFlags.CLIENT_INTERACTIVE |
        CapabilityFlags.CLIENT_IGNORE_SIGPIPE |
        CapabilityFlags.CLIENT_TRANSACTIONS |
        CapabilityFlags.CLIENT_SECURE_CONNECTION |
        CapabilityFlags.CLIENT_PLUGIN_AUTH |
        CapabilityFlags.CLIENT_CONNECT_ATTRS |
        CapabilityFlags.CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA |
        CapabilityFlags.CLIENT_CAN_HANDLE_EXPIRED_PASSWORDS |
        CapabilityFlags.CLIENT_DEPRECATE_EOF;

    private static final int GENERATED_RSA_KEY_BITS = 2048;

    private final ServerSettings settings;
    private final SessionHandler handler;
    private final RSAPrivateKey privateKey;
    private final int rsaCiphertextLength;
    private final byte[] publicKeyPem;
    private final long capabilities;
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong connectionIds = new AtomicLong();
    private final Map<String, byte[]> fullyAuthenticated = new ConcurrentHashMap<>();

    ServerContext(final ServerSettings settings, final SessionHandler handler)
    {
        this.settings = settings;
        this.handler = handler;
        final KeyPair keys = settings.rsaKeyPair() != null ? settings.rsaKeyPair() : generateKeyPair();
        this.privateKey = (RSAPrivateKey)keys.getPrivate();
        final RSAPublicKey publicKey = (RSAPublicKey)keys.getPublic();
        this.rsaCiphertextLength = (publicKey.getModulus().bitLength() + Byte.SIZE - 1) / Byte.SIZE;
        this.publicKeyPem = RsaPasswordEncryption.toPem(publicKey).getBytes(StandardCharsets.US_ASCII);
        this.capabilities = settings.tls() == null ? BASE_CAPABILITIES : BASE_CAPABILITIES | CapabilityFlags.CLIENT_SSL;
    }

    ServerSettings settings()
    {
        return settings;
    }

    SessionHandler handler()
    {
        return handler;
    }

    /** The capabilities the greeting offers. */
    long capabilities()
    {
        return capabilities;
    }

    long nextConnectionId()
    {
        return connectionIds.incrementAndGet();
    }

    /**
     * A fresh nonce, as MySQL makes them: 7-bit bytes without NUL (the greeting ends the nonce with one) and
     * without '$'.
     */
    byte[] newScramble()
    {
        final byte[] scramble = new byte[SCRAMBLE_LENGTH];
        random.nextBytes(scramble);
        for (int i = 0; i < scramble.length; i++)
        {
            scramble[i] &= 0x7F;
            if (scramble[i] == 0 || scramble[i] == '$')
            {
                scramble[i]++;
            }
        }
        return scramble;
    }

    /** A stand-in for an unknown user name, whose login fails the way a wrong password's does. */
    ServerUser unknownUser(final String name)
    {
        final byte[] hash = new byte[SCRAMBLE_LENGTH + SCRAMBLE_LENGTH];
        random.nextBytes(hash);
        return ServerUser.unknown(name, hash);
    }

    RSAPrivateKey privateKey()
    {
        return privateKey;
    }

    /** Bytes of an RSA ciphertext under this server's key. */
    int rsaCiphertextLength()
    {
        return rsaCiphertextLength;
    }

    /** The public key in PEM, as clients that ask for it receive it. */
    byte[] publicKeyPem()
    {
        return publicKeyPem.clone();
    }

    /** Whether {@code user} passed full authentication with its current password since the server started. */
    boolean isFullyAuthenticated(final ServerUser user)
    {
        final byte[] cached = fullyAuthenticated.get(user.name());
        return cached != null && MessageDigest.isEqual(cached, user.doubleHash());
    }

    /** Remembers that {@code user} passed full authentication: its next logins may take the fast path. */
    void rememberFullyAuthenticated(final ServerUser user)
    {
        fullyAuthenticated.put(user.name(), user.doubleHash());
    }

    private static KeyPair generateKeyPair()
    {
        try
        {
            final KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(GENERATED_RSA_KEY_BITS);
            return generator.generateKeyPair();
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("RSA key generation is required by the Java platform but failed", ex);
        }
    }
}
