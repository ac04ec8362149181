package io.semisync.it.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.netty.handler.ssl.SslContextBuilder;
import io.semisync.protocol.server.AuthMethod;
import io.semisync.protocol.server.MySqlServer;
import io.semisync.protocol.server.ServerSettings;
import io.semisync.protocol.server.ServerUser;
import io.semisync.protocol.server.UserDirectory;
import io.semisync.sources.ClientPrograms;
import io.semisync.sources.TlsFiles;

/**
 * The server side of the protocol driven by the real clients: MySQL 9.7's {@code mysql} (batch mode), MariaDB
 * 10.11's {@code mariadb} and mysql-connector-j, over TLS, with RSA and with native passwords, right and wrong.
 * Each caching_sha2_password test has a user of its own, so that its first login is the server's first for it.
 */
class ProtocolServerClientsIT
{
    private static final String MYSQL_ROWS = "alpha\t9000000000\t1.50\nünïcødé ☃\tNULL\t-2.125\n";

    private static final ClientStatementsHandler HANDLER = new ClientStatementsHandler();
    private static MySqlServer server;

    @BeforeAll
    static void start() throws SSLException
    {
        final TlsFiles tls = TlsFiles.provisioned();
        final List<ServerUser> users = new ArrayList<>();
        for (final String name : List.of("mysql_tls", "mysql_rsa", "mariadb_tls", "jdbc_tls", "jdbc_rsa"))
        {
            users.add(ServerUser.withPassword(name, AuthMethod.CACHING_SHA2_PASSWORD, "pw-" + name));
        }
        users.add(ServerUser.withStoredHash("native", ServerUser.storedHash(AuthMethod.MYSQL_NATIVE_PASSWORD, "pw-native")));
        server = MySqlServer.start(new ServerSettings()
            .tls(SslContextBuilder.forServer(tls.serverCertificate().toFile(), tls.serverKey().toFile()).build())
            .users(UserDirectory.of(users.toArray(new ServerUser[0]))), HANDLER);
    }

    @BeforeEach
    void forgetStatementsOfEarlierTests()
    {
        HANDLER.take();
    }

    @AfterAll
    static void stop()
    {
        server.close();
    }

    @Test
    void mysqlClientFullAuthenticationOverTlsThenFastWithout()
    {
        final ClientRun overTls = ClientRun.of(mysql("mysql_tls", "pw-mysql_tls", "--ssl-mode=REQUIRED", "SELECT rows"));
        assertThat(overTls.errors()).isEmpty();
        assertThat(overTls.stdout()).isEqualTo(MYSQL_ROWS);
        final List<String> onConnect = HANDLER.take();
        System.out.println("[statements] mysql 9.7 --batch -e: " + onConnect);
        assertThat(onConnect).containsExactly("select @@version_comment limit 1", "select $$", "SELECT rows");

        // without TLS and without the server's key, only the fast path can log this user in
        final ClientRun fast = ClientRun.of(mysql("mysql_tls", "pw-mysql_tls", "--ssl-mode=DISABLED", "SELECT rows"));
        assertThat(fast.errors()).isEmpty();
        assertThat(fast.stdout()).isEqualTo(MYSQL_ROWS);
    }

    @Test
    void mysqlClientFullAuthenticationWithTheServersRsaKey()
    {
        final ClientRun withoutKey = ClientRun.of(mysql("mysql_rsa", "pw-mysql_rsa", "--ssl-mode=DISABLED", "SELECT rows"));
        assertThat(withoutKey.exitCode()).isNotZero();
        assertThat(withoutKey.errors()).contains("Authentication requires secure connection");

        final ClientRun rsa = ClientRun.of(mysql("mysql_rsa", "pw-mysql_rsa", "--ssl-mode=DISABLED", "--get-server-public-key", "SELECT rows"));
        assertThat(rsa.errors()).isEmpty();
        assertThat(rsa.stdout()).isEqualTo(MYSQL_ROWS);

        final ClientRun fast = ClientRun.of(mysql("mysql_rsa", "pw-mysql_rsa", "--ssl-mode=DISABLED", "SELECT rows"));
        assertThat(fast.errors()).isEmpty();
    }

    @Test
    void mysqlClientSeesAccessDenied()
    {
        final ClientRun denied = ClientRun.of(mysql("mysql_tls", "wrong", "--ssl-mode=REQUIRED", "SELECT rows"));

        assertThat(denied.exitCode()).isNotZero();
        assertThat(denied.errors()).isEqualTo("ERROR 1045 (28000): Access denied for user 'mysql_tls'@'127.0.0.1' (using password: YES)\n");
        assertThat(HANDLER.take()).isEmpty();
    }

    @Test
    void mariadbClientWithNativePassword()
    {
        final ClientRun run = ClientRun.of(mariadb("native", "pw-native", "--skip-ssl", "SELECT rows"));

        assertThat(run.errors()).isEmpty();
        assertThat(run.stdout()).isEqualTo(MYSQL_ROWS);
        final List<String> onConnect = HANDLER.take();
        System.out.println("[statements] mariadb 10.11 --batch -e: " + onConnect);
        assertThat(onConnect).containsExactly("SELECT rows");
    }

    @Test
    void mariadbClientWithCachingSha2OverTls()
    {
        final ClientRun run = ClientRun.of(mariadb("mariadb_tls", "pw-mariadb_tls", "--ssl", "SELECT rows"));

        assertThat(run.errors()).isEmpty();
        assertThat(run.stdout()).isEqualTo(MYSQL_ROWS);
    }

    @Test
    void mariadbClientSeesAccessDenied()
    {
        final ClientRun denied = ClientRun.of(mariadb("native", "wrong", "--skip-ssl", "SELECT rows"));

        assertThat(denied.exitCode()).isNotZero();
        assertThat(denied.errors()).isEqualTo("ERROR 1045 (28000): Access denied for user 'native'@'127.0.0.1' (using password: YES)\n");
    }

    @Test
    void connectorJOverTlsWithRsaAndWithNativePasswords() throws SQLException
    {
        assertThat(jdbcRows("jdbc_tls", "sslMode=REQUIRED")).containsExactly("alpha|9000000000|1.50", "ünïcødé ☃|null|-2.125");
        final List<String> onConnect = HANDLER.take();
        System.out.println("[statements] mysql-connector-j 9.7.0: " + onConnect);
        assertThat(onConnect.get(0)).startsWith("/* mysql-connector-j-9.7.0").contains("SELECT  @@session.auto_increment_increment AS");
        assertThat(onConnect.subList(1, onConnect.size())).containsExactly("SET character_set_results = NULL", "SET autocommit=1", "SELECT rows");

        assertThat(jdbcRows("jdbc_rsa", "sslMode=DISABLED&allowPublicKeyRetrieval=true")).hasSize(2);
        assertThat(jdbcRows("jdbc_rsa", "sslMode=DISABLED")).hasSize(2);                    // fast path: neither TLS nor key
        assertThat(jdbcRows("native", "sslMode=DISABLED")).hasSize(2);
    }

    @Test
    void connectorJSeesAccessDenied()
    {
        assertThatThrownBy(() -> DriverManager.getConnection(url("sslMode=REQUIRED"), "jdbc_tls", "wrong").close())
            .isInstanceOfSatisfying(SQLException.class, ex ->
            {
                assertThat(ex.getErrorCode()).isEqualTo(1045);
                assertThat(ex.getSQLState()).isEqualTo("28000");
                assertThat(ex.getMessage()).isEqualTo("Access denied for user 'jdbc_tls'@'127.0.0.1' (using password: YES)");
            });
    }

    private static List<String> jdbcRows(final String user, final String options) throws SQLException
    {
        final List<String> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url(options), user, "pw-" + user);
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT rows"))
        {
            assertThat(result.getMetaData().getColumnTypeName(2)).isEqualTo("BIGINT");
            assertThat(result.getMetaData().getColumnTypeName(3)).isEqualTo("DECIMAL");
            while (result.next())
            {
                final long number = result.getLong(2);
                final String shown = result.wasNull() ? "null" : Long.toString(number);
                rows.add(result.getString(1) + "|" + shown + "|" + result.getBigDecimal(3).toPlainString());
            }
        }
        return rows;
    }

    private static String url(final String options)
    {
        return "jdbc:mysql://127.0.0.1:" + server.localAddress().getPort() + "/?connectTimeout=5000&" + options;
    }

    private static List<String> mysql(final String user, final String password, final String tls, final String... statementAndOptions)
    {
        return ClientPrograms.mysql(arguments(user, password, tls, statementAndOptions));
    }

    private static List<String> mariadb(final String user, final String password, final String tls, final String statement)
    {
        return ClientPrograms.mariadb(arguments(user, password, tls, statement));
    }

    /** Batch mode without column names; the last element is the statement, any others are more options. */
    private static String[] arguments(final String user, final String password, final String tls, final String... statementAndOptions)
    {
        final List<String> arguments = new ArrayList<>(List.of(
            "--host=127.0.0.1", "--port=" + server.localAddress().getPort(), "--user=" + user, "--password=" + password, tls,
            "--batch", "--skip-column-names"));
        arguments.addAll(List.of(statementAndOptions).subList(0, statementAndOptions.length - 1));
        arguments.add("--execute=" + statementAndOptions[statementAndOptions.length - 1]);
        return arguments.toArray(new String[0]);
    }
}
