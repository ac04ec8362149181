package io.semisync.it.replica;

import com.mysql.cj.jdbc.JdbcConnection;
import com.mysql.cj.protocol.ServerSessionStateController;
import io.semisync.sources.Flavor;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The GTIDs of the transactions whose commit returned OK to a client, as the client learns them: MySQL names the
 * GTID in the commit's OK packet ({@code session_track_gtids = OWN_GTID}, read through Connector/J's session state),
 * MariaDB in the session's {@code @@last_gtid}.
 */
public final class CommittedGtids
{
    /** Connector/J's switch for reading the session state a server sends in OK packets. */
    static final String JDBC_PROPERTY = "trackSessionState=true";

    private final Flavor flavor;
    private final Set<String> gtids = ConcurrentHashMap.newKeySet();

    public CommittedGtids(final Flavor flavor)
    {
        this.flavor = flavor;
    }

    /** Asks the source to tell this session the GTID of each transaction it commits. */
    void prepare(final Connection connection) throws SQLException
    {
        if (flavor == Flavor.MYSQL)
        {
            try (Statement statement = connection.createStatement())
            {
                statement.execute("SET SESSION session_track_gtids = OWN_GTID");
            }
        }
    }

    /** Records the GTID of the transaction {@code connection} has just committed. */
    void recordLastCommit(final Connection connection) throws SQLException
    {
        gtids.add(flavor == Flavor.MYSQL ? trackedGtid(connection) : lastGtid(connection));
    }

    private static String trackedGtid(final Connection connection) throws SQLException
    {
        final ServerSessionStateController.ServerSessionStateChanges changes = connection.unwrap(JdbcConnection.class)
            .getServerSessionStateController().getSessionStateChanges();
        if (changes != null)
        {
            for (final ServerSessionStateController.SessionStateChange change : changes.getSessionStateChangesList())
            {
                final List<String> values = change.getValues();
                if (change.getType() == ServerSessionStateController.SESSION_TRACK_GTIDS && !values.isEmpty())
                {
                    return values.get(0);
                }
            }
        }
        throw new IllegalStateException("the source's OK packet for a commit named no GTID (session_track_gtids = OWN_GTID)");
    }

    private static String lastGtid(final Connection connection) throws SQLException
    {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery("SELECT @@last_gtid"))
        {
            result.next();
            return result.getString(1);
        }
    }

    /** The GTIDs recorded so far. */
    public Set<String> snapshot()
    {
        return Set.copyOf(gtids);
    }

    public int size()
    {
        return gtids.size();
    }
}
