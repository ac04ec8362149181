package io.semisync.sources;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Runs administrative SQL on a source through JDBC, one short connection per call. */
final class AdminSession
{
    private final String jdbcUrl;
    private final SourceUser admin;

    AdminSession(final String jdbcUrl, final SourceUser admin)
    {
        this.jdbcUrl = jdbcUrl;
        this.admin = admin;
    }

    Connection open() throws SQLException
    {
        return DriverManager.getConnection(jdbcUrl, admin.name(), admin.password());
    }

    void execute(final String... sql)
    {
        try (Connection connection = open(); Statement statement = connection.createStatement())
        {
            for (final String s : sql)
            {
                statement.execute(s);
            }
        }
        catch (final SQLException ex)
        {
            throw new SourceServerException("failed to run " + String.join("; ", sql) + " on " + jdbcUrl + ": " + ex.getMessage(), ex);
        }
    }

    List<List<String>> query(final String sql)
    {
        try (Connection connection = open();
            Statement statement = connection.createStatement();
            ResultSet resultSet = statement.executeQuery(sql))
        {
            final int columns = resultSet.getMetaData().getColumnCount();
            final List<List<String>> rows = new ArrayList<>();
            while (resultSet.next())
            {
                final List<String> row = new ArrayList<>(columns);
                for (int i = 1; i <= columns; i++)
                {
                    row.add(resultSet.getString(i));
                }
                rows.add(row);
            }
            return rows;
        }
        catch (final SQLException ex)
        {
            throw new SourceServerException("failed to query " + sql + " on " + jdbcUrl + ": " + ex.getMessage(), ex);
        }
    }
}
