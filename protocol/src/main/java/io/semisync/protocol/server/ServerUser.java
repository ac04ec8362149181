package io.semisync.protocol.server;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

import io.semisync.protocol.auth.PasswordHashes;

/**
 * A user who may log in, with the double hash of its password that its {@link AuthMethod} checks against; the
 * password itself is never kept. Stored hashes are text, as a configuration file holds them:
 * <ul>
 *   <li>{@code mysql_native_password}: {@code *} and 40 upper-case hex digits of SHA-1(SHA-1(password)), the form
 *       MySQL's {@code mysql.user.authentication_string} and the old {@code PASSWORD()} show;</li>
 *   <li>{@code caching_sha2_password}: {@value #SHA2_PREFIX} and 64 hex digits of SHA-256(SHA-256(password)), this
 *       project's own form (MySQL stores a salted, iterated hash instead, which cannot check a scramble).</li>
 * </ul>
 * {@link #storedHash(AuthMethod, String)} computes either.
 */
public final class ServerUser
{
    /** Prefix of a stored caching_sha2_password hash. */
    public static final String SHA2_PREFIX = "$sha2$";
    /** Prefix of a stored mysql_native_password hash. */
    public static final String NATIVE_PREFIX = "*";

    private static final int NATIVE_HASH_LENGTH = 20;
    private static final int SHA2_HASH_LENGTH = 32;
    private static final int MAX_NAME_LENGTH = 32;

    private final String name;
    private final AuthMethod method;
    private final byte[] doubleHash;

    private ServerUser(final String name, final AuthMethod method, final byte[] doubleHash)
    {
        this.name = name;
        this.method = method;
        this.doubleHash = doubleHash;
    }

    /** A user whose password is given in clear (tests, a password read from a file); only its hash is kept. */
    public static ServerUser withPassword(final String name, final AuthMethod method, final String password)
    {
        return new ServerUser(requireName(name), method, doubleHash(Objects.requireNonNull(method, "method"), requirePassword(password)));
    }

    /**
     * A user from a stored hash in one of the forms above; the method follows from the form.
     *
     * @throws IllegalArgumentException naming the user (never the hash) when the text is in neither form
     */
    public static ServerUser withStoredHash(final String name, final String storedHash)
    {
        requireName(name);
        Objects.requireNonNull(storedHash, "storedHash");
        if (storedHash.startsWith(NATIVE_PREFIX))
        {
            return new ServerUser(name, AuthMethod.MYSQL_NATIVE_PASSWORD, parseHex(name, storedHash, NATIVE_PREFIX, NATIVE_HASH_LENGTH));
        }
        if (storedHash.startsWith(SHA2_PREFIX))
        {
            return new ServerUser(name, AuthMethod.CACHING_SHA2_PASSWORD, parseHex(name, storedHash, SHA2_PREFIX, SHA2_HASH_LENGTH));
        }
        throw new IllegalArgumentException(formatProblem(name, "starts with neither '" + NATIVE_PREFIX + "' nor '" + SHA2_PREFIX + "'"));
    }

    /** The stored-hash text of {@code password} for {@code method}, as {@link #withStoredHash} reads it. */
    public static String storedHash(final AuthMethod method, final String password)
    {
        final byte[] hash = doubleHash(Objects.requireNonNull(method, "method"), requirePassword(password));
        return method == AuthMethod.MYSQL_NATIVE_PASSWORD
            ? NATIVE_PREFIX + HexFormat.of().withUpperCase().formatHex(hash)
            : SHA2_PREFIX + HexFormat.of().formatHex(hash);
    }

    /**
     * A stand-in for a user name the directory does not know, so that its login goes the way a wrong password's
     * does (as MySQL's decoy users): caching_sha2_password with a random hash that no password matches.
     */
    static ServerUser unknown(final String name, final byte[] randomHash)
    {
        return new ServerUser(name, AuthMethod.CACHING_SHA2_PASSWORD, randomHash);
    }

    public String name()
    {
        return name;
    }

    public AuthMethod method()
    {
        return method;
    }

    /** SHA-1(SHA-1(password)) or SHA-256(SHA-256(password)), by {@link #method()}; not a copy, never expose it. */
    byte[] doubleHash()
    {
        return doubleHash;
    }

    /** Name and method only: a user's hash never appears in logs. */
    @Override
    public String toString()
    {
        return "ServerUser{" + name + ", " + method.pluginName() + "}";
    }

    private static byte[] doubleHash(final AuthMethod method, final String password)
    {
        final byte[] clear = password.getBytes(StandardCharsets.UTF_8);
        return method == AuthMethod.MYSQL_NATIVE_PASSWORD ? PasswordHashes.nativeDoubleHash(clear) : PasswordHashes.sha2DoubleHash(clear);
    }

    private static byte[] parseHex(final String name, final String storedHash, final String prefix, final int bytes)
    {
        final String hex = storedHash.substring(prefix.length());
        if (hex.length() != bytes * 2 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0))
        {
            throw new IllegalArgumentException(formatProblem(name, "has " + prefix + " and " + hex.length() + " characters after it; expected " +
                bytes * 2 + " hex digits"));
        }
        return HexFormat.of().parseHex(hex.toLowerCase(Locale.ROOT));
    }

    private static String formatProblem(final String name, final String problem)
    {
        return "stored password hash of user '" + name + "' " + problem + ": use '" + NATIVE_PREFIX +
            "' and 40 hex digits of SHA1(SHA1(password)) for mysql_native_password, or '" + SHA2_PREFIX +
            "' and 64 hex digits of SHA256(SHA256(password)) for caching_sha2_password (ServerUser.storedHash computes both)";
    }

    private static String requireName(final String name)
    {
        if (name == null || name.isEmpty() || name.length() > MAX_NAME_LENGTH)
        {
            throw new IllegalArgumentException("user name must have 1 to " + MAX_NAME_LENGTH + " characters but is " +
                (name == null ? "null" : "'" + name + "'"));
        }
        return name;
    }

    private static String requirePassword(final String password)
    {
        if (password == null || password.isEmpty())
        {
            throw new IllegalArgumentException("the password must not be empty: this server admits no user without one");
        }
        return password;
    }
}
