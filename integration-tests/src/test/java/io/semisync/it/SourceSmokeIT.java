package io.semisync.it;

import io.semisync.sources.Flavor;
import io.semisync.sources.SourceServer;
import io.semisync.sources.SourceServers;
import io.semisync.sources.SourceUser;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each release's source is what every other test relies on: binlog, ROW, GTIDs, semisync, users, TLS. */
@ExtendWith(SourceServerExtension.class)
class SourceSmokeIT
{
    @ParameterizedTest
    @EnumSource(SourceRelease.class)
    void sourceIsConfiguredForSemisyncReplication(final SourceRelease release)
    {
        final Flavor flavor = release.flavor();
        final SourceServer server = release.shared();
        System.out.println("[smoke] " + release + " source version " + server.version() + " at " + server.host() + ":" + server.port()
            + " (" + SourceServers.mode() + ")");

        if ("local".equals(SourceServers.mode()))
        {
            assertThat(server.version()).startsWith(release.versionPrefix());
        }
        assertThat(server.queryValue("SELECT @@global.log_bin")).isEqualTo("1");
        assertThat(server.queryValue("SELECT @@global.binlog_format")).isEqualTo("ROW");
        assertThat(server.queryValue("SELECT @@global.server_id")).isEqualTo(Long.toString(server.serverId()));
        assertThat(server.queryValue("SELECT @@global." + flavor.semisyncPrefix() + "_enabled")).isEqualTo("1");

        server.execute("CREATE DATABASE IF NOT EXISTS smoke", "CREATE TABLE IF NOT EXISTS smoke.t (id INT PRIMARY KEY)",
            "REPLACE INTO smoke.t VALUES (1)");
        if (flavor == Flavor.MYSQL)
        {
            assertThat(server.queryValue("SELECT @@global.gtid_mode")).isEqualTo("ON");
            assertThat(server.queryValue("SELECT @@global.enforce_gtid_consistency")).isEqualTo("ON");
            assertThat(server.queryValue("SELECT @@global.gtid_executed")).contains(server.queryValue("SELECT @@global.server_uuid"));
        }
        else
        {
            assertThat(server.queryValue("SELECT @@global.gtid_strict_mode")).isEqualTo("1");
            assertThat(server.queryValue("SELECT @@global.gtid_binlog_pos")).matches("\\d+-" + server.serverId() + "-\\d+");
        }
    }

    @ParameterizedTest
    @EnumSource(SourceRelease.class)
    void replicationUsersLogInWithTheirPlugins(final SourceRelease release) throws SQLException
    {
        final Flavor flavor = release.flavor();
        final SourceServer server = release.shared();
        final SourceUser replication = server.replicationUser();
        assertThat(replication.authPlugin()).isEqualTo(flavor == Flavor.MYSQL ? "caching_sha2_password" : "mysql_native_password");
        assertThat(pluginOf(server, replication)).isEqualTo(replication.authPlugin());
        assertThat(login(server, replication, "sslMode=DISABLED&allowPublicKeyRetrieval=true")).startsWith(replication.name() + "@");

        assertThat(server.nativePasswordUser().isPresent()).isEqualTo(flavor == Flavor.MARIADB);
        server.nativePasswordUser().ifPresent(user -> {
            assertThat(pluginOf(server, user)).isEqualTo("mysql_native_password");
            assertThat(uncheckedLogin(server, user, "sslMode=DISABLED")).startsWith(user.name() + "@");
        });
        assertThat(server.ed25519User().isPresent()).isEqualTo(flavor == Flavor.MARIADB);
        server.ed25519User().ifPresent(user -> assertThat(pluginOf(server, user)).isEqualTo("ed25519"));
    }

    @ParameterizedTest
    @EnumSource(SourceRelease.class)
    void sslUserNeedsTls(final SourceRelease release) throws SQLException
    {
        final SourceServer server = release.shared();
        final SourceUser ssl = server.sslUser();
        assertThatThrownBy(() -> login(server, ssl, "sslMode=DISABLED&allowPublicKeyRetrieval=true"))
            .isInstanceOf(SQLException.class);
        assertThat(login(server, ssl, "sslMode=REQUIRED")).startsWith(ssl.name() + "@");
    }

    private static String pluginOf(final SourceServer server, final SourceUser user)
    {
        return server.queryValue("SELECT plugin FROM mysql.user WHERE user = '" + user.name() + "'");
    }

    private static String uncheckedLogin(final SourceServer server, final SourceUser user, final String options)
    {
        try
        {
            return login(server, user, options);
        }
        catch (final SQLException ex)
        {
            throw new AssertionError(user + " could not log in: " + ex.getMessage(), ex);
        }
    }

    private static String login(final SourceServer server, final SourceUser user, final String options) throws SQLException
    {
        final String url = "jdbc:mysql://" + server.host() + ":" + server.port() + "/?connectTimeout=5000&" + options;
        try (Connection connection = DriverManager.getConnection(url, user.name(), user.password());
            Statement statement = connection.createStatement();
            ResultSet resultSet = statement.executeQuery("SELECT CURRENT_USER()"))
        {
            resultSet.next();
            return resultSet.getString(1);
        }
    }
}
