package io.semisync.protocol.auth;

import java.security.MessageDigest;

/**
 * The server's side of the password plugins: the double hashes a server keeps instead of passwords, and the
 * checks of a client's scrambled answer against them. Comparisons take constant time.
 */
public final class PasswordHashes
{
    private PasswordHashes()
    {
    }

    /** What a mysql_native_password server keeps: SHA-1(SHA-1(password)). */
    public static byte[] nativeDoubleHash(final byte[] password)
    {
        return PasswordScrambles.digest("SHA-1", PasswordScrambles.digest("SHA-1", password));
    }

    /** What this server keeps for caching_sha2_password: SHA-256(SHA-256(password)). */
    public static byte[] sha2DoubleHash(final byte[] password)
    {
        return PasswordScrambles.digest("SHA-256", PasswordScrambles.digest("SHA-256", password));
    }

    /**
     * Whether a mysql_native_password answer proves the password: the answer is
     * {@code SHA1(password) XOR SHA1(nonce + doubleHash)}, so XOR with the second term gives SHA1(password),
     * whose SHA-1 must be the double hash.
     */
    public static boolean nativeScrambleMatches(final byte[] nonce, final byte[] answer, final byte[] doubleHash)
    {
        return scrambleMatches("SHA-1", PasswordScrambles.digest("SHA-1", nonce, doubleHash), answer, doubleHash);
    }

    /**
     * Whether a caching_sha2_password answer proves the password: the answer is
     * {@code SHA256(password) XOR SHA256(doubleHash + nonce)}; undone the same way as the native one.
     */
    public static boolean sha2ScrambleMatches(final byte[] nonce, final byte[] answer, final byte[] doubleHash)
    {
        return scrambleMatches("SHA-256", PasswordScrambles.digest("SHA-256", doubleHash, nonce), answer, doubleHash);
    }

    /** Whether a password given in clear (caching_sha2_password full authentication) has this double hash. */
    public static boolean sha2PasswordMatches(final byte[] password, final byte[] doubleHash)
    {
        return MessageDigest.isEqual(sha2DoubleHash(password), doubleHash);
    }

    private static boolean scrambleMatches(final String algorithm, final byte[] mask, final byte[] answer, final byte[] doubleHash)
    {
        if (answer.length != mask.length)
        {
            return false;
        }
        final byte[] singleHash = PasswordScrambles.xor(answer, mask);
        return MessageDigest.isEqual(PasswordScrambles.digest(algorithm, singleHash), doubleHash);
    }
}
