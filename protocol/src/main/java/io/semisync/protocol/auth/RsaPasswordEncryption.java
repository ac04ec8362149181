package io.semisync.protocol.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Cipher;

/**
 * The password under the server's RSA key, for caching_sha2_password full authentication without TLS:
 * {@code RSA-OAEP(SHA-1, MGF1)((password + NUL) XOR scramble)}, the scramble repeated over the password.
 * The client encrypts; the server decrypts and sends its public key as PEM to clients that ask.
 */
public final class RsaPasswordEncryption
{
    private static final String TRANSFORMATION = "RSA/ECB/OAEPWithSHA-1AndMGF1Padding";
    private static final String PUBLIC_KEY_BEGIN = "-----BEGIN PUBLIC KEY-----";
    private static final String PUBLIC_KEY_END = "-----END PUBLIC KEY-----";
    private static final int PEM_LINE_LENGTH = 64;

    private RsaPasswordEncryption()
    {
    }

    /** Encrypts {@code password} + NUL, XORed with {@code scramble}, for the server holding {@code key}. */
    public static byte[] encrypt(final String password, final byte[] scramble, final RSAPublicKey key)
    {
        final byte[] clear = password.getBytes(StandardCharsets.UTF_8);
        final byte[] terminated = new byte[clear.length + 1];
        System.arraycopy(clear, 0, terminated, 0, clear.length);
        try
        {
            final Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key);
            return cipher.doFinal(PasswordScrambles.xor(terminated, scramble));
        }
        catch (final GeneralSecurityException ex)
        {
            throw new AuthenticationException("cannot encrypt the password with the server's RSA public key: " + ex.getMessage(), ex);
        }
    }

    /**
     * The password a client encrypted with {@link #encrypt}: decrypted, XORed with the scramble, cut at the first
     * NUL. Empty when the ciphertext does not decrypt under {@code key} (wrong key, wrong length, cleartext sent).
     */
    public static byte[] decrypt(final byte[] ciphertext, final byte[] scramble, final RSAPrivateKey key)
    {
        final byte[] masked;
        try
        {
            final Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key);
            masked = cipher.doFinal(ciphertext);
        }
        catch (final GeneralSecurityException ex)
        {
            return new byte[0];
        }
        final byte[] clear = PasswordScrambles.xor(masked, scramble);
        int length = 0;
        while (length < clear.length && clear[length] != 0)
        {
            length++;
        }
        return Arrays.copyOf(clear, length);
    }

    /** {@code key} as a PEM {@code BEGIN PUBLIC KEY} block (X.509 SubjectPublicKeyInfo), as MySQL sends it. */
    public static String toPem(final RSAPublicKey key)
    {
        final String base64 = Base64.getMimeEncoder(PEM_LINE_LENGTH, new byte[] {'\n'}).encodeToString(key.getEncoded());
        return PUBLIC_KEY_BEGIN + "\n" + base64 + "\n" + PUBLIC_KEY_END + "\n";
    }

    /** Whether {@code text} looks like a PEM public key (what the server sends after a key request). */
    public static boolean isPemPublicKey(final String text)
    {
        return text.contains(PUBLIC_KEY_BEGIN);
    }

    /** Parses an X.509 SubjectPublicKeyInfo RSA key in PEM ({@code BEGIN PUBLIC KEY}). */
    public static RSAPublicKey parsePublicKey(final String pem)
    {
        final int begin = pem.indexOf(PUBLIC_KEY_BEGIN);
        final int end = begin < 0 ? -1 : pem.indexOf(PUBLIC_KEY_END, begin + PUBLIC_KEY_BEGIN.length());
        if (end < 0)
        {
            throw new AuthenticationException("not a PEM public key: expected " + PUBLIC_KEY_BEGIN + " ... " + PUBLIC_KEY_END +
                " (a PKCS#1 'BEGIN RSA PUBLIC KEY' file must be converted with 'openssl rsa -RSAPublicKey_in -pubout')");
        }
        final String base64 = pem.substring(begin + PUBLIC_KEY_BEGIN.length(), end).replaceAll("\\s", "");
        try
        {
            final PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
            return (RSAPublicKey)key;
        }
        catch (final GeneralSecurityException | IllegalArgumentException ex)
        {
            throw new AuthenticationException("unreadable RSA public key: " + ex.getMessage(), ex);
        }
    }
}
