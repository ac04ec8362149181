package io.semisync.it.replica;

import java.util.Collection;

import static org.assertj.core.api.Assertions.assertThat;

/** The check that no password appears in what a replica or a client printed. */
public final class NoSecrets
{
    private NoSecrets()
    {
    }

    /**
     * @param what      whose output it is, for the message
     * @param output    everything it printed
     * @param passwords the passwords it must not contain
     */
    public static void assertAbsent(final String what, final String output, final Collection<String> passwords)
    {
        for (final String password : passwords)
        {
            assertThat(output.contains(password)).as("a password appears in %s", what).isFalse();
        }
    }
}
