package io.semisync.protocol.handshake;

/** Collation ids sent in the handshake. */
public final class CharacterSets
{
    /** {@code utf8mb4_general_ci}: known to every MySQL since 5.5 and every MariaDB. */
    public static final int UTF8MB4_GENERAL_CI = 45;

    private CharacterSets()
    {
    }
}
