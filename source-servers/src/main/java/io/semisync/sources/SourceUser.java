package io.semisync.sources;

/**
 * A login on a source server.
 *
 * @param name       user name
 * @param password   clear-text password
 * @param authPlugin the server-side authentication plugin of this user, e.g. {@code caching_sha2_password}
 */
public record SourceUser(String name, String password, String authPlugin)
{
}
