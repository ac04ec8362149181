package io.semisync.protocol.server;

import java.util.concurrent.CompletionStage;

/**
 * Answers one kind of command beyond those the core knows, such as COM_REGISTER_SLAVE or a binlog dump that
 * streams events. It writes its answer through the {@link CommandExchange}; the connection reads its next
 * command once the returned stage completes. A stage failing with {@link SqlErrorException} sends that error
 * packet (any other failure: ERR 1105), so a handler that already wrote part of its answer should instead
 * close the connection.
 */
@FunctionalInterface
public interface CommandHandler
{
    CompletionStage<Void> handle(CommandExchange exchange);
}
