package io.semisync.protocol.handshake;

/** Collation ids sent in the handshake and in column definitions. */
public final class CharacterSets
{
    /** {@code utf8mb4_general_ci}: known to every MySQL since 5.5 and every MariaDB. */
    public static final int UTF8MB4_GENERAL_CI = 45;
    /** {@code binary}: the collation of numeric columns. */
    public static final int BINARY = 63;
    /** {@code utf8mb4_0900_ai_ci}: MySQL 8.0's and later default, in their greeting and string columns. */
    public static final int UTF8MB4_0900_AI_CI = 255;

    private CharacterSets()
    {
    }
}
