package io.semisync.protocol.auth;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Digest and XOR helpers shared by the password plugins. */
final class PasswordScrambles
{
    private PasswordScrambles()
    {
    }

    /** The digest of the concatenation of {@code parts}. */
    static byte[] digest(final String algorithm, final byte[]... parts)
    {
        final MessageDigest digest;
        try
        {
            digest = MessageDigest.getInstance(algorithm);
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(algorithm + " is required by the Java platform but missing", ex);
        }
        for (final byte[] part : parts)
        {
            digest.update(part);
        }
        return digest.digest();
    }

    /** {@code data} XOR {@code key}, the key repeated as often as needed; a new array. */
    static byte[] xor(final byte[] data, final byte[] key)
    {
        final byte[] result = new byte[data.length];
        for (int i = 0; i < data.length; i++)
        {
            result[i] = (byte)(data[i] ^ key[i % key.length]);
        }
        return result;
    }
}
