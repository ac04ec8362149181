package io.semisync.sources;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The users every source gets, and the idempotent SQL that creates them. They may log in from any host: a container's
 * or a remote server's clients do not come from 127.0.0.1, and our own servers listen on loopback only.
 */
final class TestUsers
{
    static final SourceUser ADMIN_MYSQL = new SourceUser("admin", "admin-secret", "caching_sha2_password");
    static final SourceUser ADMIN_MARIADB = new SourceUser("admin", "admin-secret", "mysql_native_password");

    private TestUsers()
    {
    }

    static SourceUser admin(final Flavor flavor)
    {
        return flavor == Flavor.MYSQL ? ADMIN_MYSQL : ADMIN_MARIADB;
    }

    static SourceUser replication(final Flavor flavor)
    {
        return new SourceUser("repl", "repl-secret", admin(flavor).authPlugin());
    }

    static SourceUser ssl(final Flavor flavor)
    {
        return new SourceUser("repl_ssl", "ssl-secret", admin(flavor).authPlugin());
    }

    /** MySQL 9.x no longer ships mysql_native_password; MariaDB's default plugin is it. */
    static Optional<SourceUser> nativePassword(final Flavor flavor)
    {
        return flavor == Flavor.MARIADB
            ? Optional.of(new SourceUser("repl_native", "native-secret", "mysql_native_password"))
            : Optional.empty();
    }

    /** MariaDB's ed25519 plugin ({@code client_ed25519} on the client side); MySQL has none. */
    static Optional<SourceUser> ed25519(final Flavor flavor)
    {
        return flavor == Flavor.MARIADB
            ? Optional.of(new SourceUser("repl_ed25519", "ed25519-secret", "ed25519"))
            : Optional.empty();
    }

    /** Statements, one per line, that create the users without writing to the binary log. */
    static List<String> setupStatements(final Flavor flavor)
    {
        final List<String> sql = new ArrayList<>();
        sql.add("SET SQL_LOG_BIN=0");
        final SourceUser admin = admin(flavor);
        sql.add(createUser(flavor, admin, ""));
        sql.add("GRANT ALL PRIVILEGES ON *.* TO '" + admin.name() + "'@'%' WITH GRANT OPTION");
        final String replicationGrants = flavor == Flavor.MYSQL
            ? "REPLICATION SLAVE, REPLICATION CLIENT"
            : "REPLICATION SLAVE, BINLOG MONITOR, SLAVE MONITOR";
        addReplicationUser(sql, flavor, replication(flavor), "", replicationGrants);
        addReplicationUser(sql, flavor, ssl(flavor), " REQUIRE SSL", replicationGrants);
        nativePassword(flavor).ifPresent(user -> addReplicationUser(sql, flavor, user, "", replicationGrants));
        ed25519(flavor).ifPresent(user ->
        {
            sql.add("INSTALL PLUGIN IF NOT EXISTS ed25519 SONAME 'auth_ed25519'");
            addReplicationUser(sql, flavor, user, "", replicationGrants);
        });
        return sql;
    }

    private static void addReplicationUser(
        final List<String> sql, final Flavor flavor, final SourceUser user, final String require, final String grants)
    {
        sql.add(createUser(flavor, user, require));
        sql.add("GRANT " + grants + ", SELECT ON *.* TO '" + user.name() + "'@'%'");
    }

    private static String createUser(final Flavor flavor, final SourceUser user, final String require)
    {
        final String identified = flavor == Flavor.MYSQL
            ? "IDENTIFIED WITH " + user.authPlugin() + " BY '" + user.password() + "'"
            : "IDENTIFIED VIA " + user.authPlugin() + " USING PASSWORD('" + user.password() + "')";
        return "CREATE USER IF NOT EXISTS '" + user.name() + "'@'%' " + identified + require;
    }
}
