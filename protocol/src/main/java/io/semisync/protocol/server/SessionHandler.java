package io.semisync.protocol.server;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What statements mean: the server core owns sockets, TLS, login and the command loop and asks this handler
 * for answers. Every method is called on the connection's event loop and must not block: return a stage and
 * complete it from any thread. A connection runs one command at a time, so calls for one session never overlap.
 * A stage failing with {@link SqlErrorException} becomes that error packet; any other failure becomes
 * ERR 1105 (HY000) with its message; either way the connection stays open.
 */
public interface SessionHandler
{
    /** COM_QUERY: one statement of the text protocol, decoded as UTF-8. */
    CompletionStage<QueryResult> query(ServerSession session, String sql);

    /**
     * COM_INIT_DB ({@code USE db} in the mysql client) and the database named at login: complete to accept
     * (the session's {@link ServerSession#schema()} becomes {@code schema}), fail to refuse (MySQL answers an
     * unknown database with 1049, SQLSTATE 42000, "Unknown database 'x'"). Accepts every name by default.
     */
    default CompletionStage<Void> useSchema(final ServerSession session, final String schema)
    {
        return CompletableFuture.completedFuture(null);
    }

    /**
     * The handler for a command the core does not answer itself (it answers COM_QUERY, COM_INIT_DB, COM_PING,
     * COM_QUIT, COM_RESET_CONNECTION and COM_SET_OPTION), such as COM_REGISTER_SLAVE or COM_BINLOG_DUMP_GTID;
     * empty means "Unknown command" (1047, 08S01). Called once per command received.
     *
     * @param commandCode  the command byte, see {@link io.semisync.protocol.command.CommandCode}
     */
    default Optional<CommandHandler> command(final int commandCode)
    {
        return Optional.empty();
    }

    /** The session's connection closed: forget what was kept for it. Called once, on its event loop. */
    default void closed(final ServerSession session)
    {
    }
}
