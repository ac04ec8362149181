package io.semisync.protocol.server;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The users allowed to log in. Looked up on the server's event loop for every login, so it must answer
 * quickly and be thread-safe; a directory whose answer changes takes effect at the next login.
 */
@FunctionalInterface
public interface UserDirectory
{
    /** The user named {@code userName} (exact, case-sensitive match, as MySQL compares user names). */
    Optional<ServerUser> find(String userName);

    /** A fixed directory of these users; names must be distinct. */
    static UserDirectory of(final ServerUser... users)
    {
        final Map<String, ServerUser> byName = Arrays.stream(users)
            .collect(Collectors.toUnmodifiableMap(ServerUser::name, Function.identity()));
        return name -> Optional.ofNullable(byName.get(name));
    }
}
