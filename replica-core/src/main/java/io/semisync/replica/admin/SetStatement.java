package io.semisync.replica.admin;

import io.semisync.protocol.server.ServerSession;
import io.semisync.protocol.server.SqlErrorException;
import io.semisync.replica.config.Setting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.Optional;

/**
 * {@code SET}: {@code SET GLOBAL rpl_semi_sync_replica_enabled = 1} (and the other spellings MySQL takes:
 * {@code @@global.name}, {@code :=}, several assignments), which changes the setting as a flag would, and the session
 * statements clients send on connect ({@code SET NAMES}, {@code SET autocommit=1}, {@code SET character_set_results = NULL},
 * {@code SET SESSION TRANSACTION ...}, user variables), which are accepted without effect. {@code SET PERSIST} is refused:
 * the configuration file is where settings persist.
 */
final class SetStatement
{
    private static final Logger LOG = LoggerFactory.getLogger(SetStatement.class);

    private final SystemVariables variables;

    SetStatement(final SystemVariables variables)
    {
        this.variables = variables;
    }

    /** Runs the SET whose keyword the cursor has taken. */
    void execute(final ServerSession session, final TokenCursor cursor)
    {
        do
        {
            if (sessionCharset(cursor))
            {
                continue;
            }
            String scope = cursor.acceptAnyWord("GLOBAL", "SESSION", "LOCAL", "PERSIST", "PERSIST_ONLY");
            if (cursor.isWords("TRANSACTION"))
            {
                return;
            }
            final String name;
            if (scope == null && cursor.acceptSymbol("@@"))
            {
                final String first = cursor.name();
                if (cursor.acceptSymbol("."))
                {
                    scope = first.toUpperCase(Locale.ROOT);
                    name = cursor.name();
                }
                else
                {
                    name = first;
                }
            }
            else if (scope == null && cursor.acceptSymbol("@"))
            {
                cursor.name();
                assignedValue(cursor);
                continue;
            }
            else
            {
                name = cursor.name();
            }
            final String text = assignedValue(cursor);
            if ("PERSIST".equals(scope) || "PERSIST_ONLY".equals(scope))
            {
                throw new SqlErrorException(AdminErrors.NOT_SUPPORTED, "42000", "SET " + scope + " is not supported: settings persist in "
                    + "the replica's configuration (--config file or flags); SET GLOBAL changes a dynamic one until the replica restarts");
            }
            final Optional<Setting<?>> changed = variables.set(name, "GLOBAL".equals(scope), text);
            changed.ifPresent(setting -> LOG.info("SET GLOBAL {} = {} by {}@{}; {} now {}: it takes effect when replication next "
                + "(re)connects (STOP REPLICA IO_THREAD; START REPLICA IO_THREAD)", name, text == null ? "DEFAULT" : text, session.user(),
                session.clientHost(), setting.flag(), variables.find(name).orElseThrow().value().get()));
        }
        while (cursor.acceptSymbol(","));
        cursor.expectEnd();
    }

    /** {@code NAMES cs [COLLATE c]}, {@code CHARACTER SET cs} or {@code CHARSET cs}: taken, without effect. */
    private static boolean sessionCharset(final TokenCursor cursor)
    {
        if (cursor.acceptWords("NAMES"))
        {
            cursor.value();
            if (cursor.acceptWords("COLLATE"))
            {
                cursor.value();
            }
            return true;
        }
        if (cursor.acceptWords("CHARACTER", "SET") || cursor.acceptWords("CHARSET"))
        {
            cursor.value();
            return true;
        }
        return false;
    }

    /** {@code = value} or {@code := value}; null for DEFAULT. */
    private static String assignedValue(final TokenCursor cursor)
    {
        if (!cursor.acceptSymbol("="))
        {
            cursor.expectSymbol(":=");
        }
        final boolean isDefault = cursor.peek() != null && cursor.peek().isWord("DEFAULT");
        final String text = cursor.value();
        return isDefault ? null : text;
    }
}
