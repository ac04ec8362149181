package io.semisync.protocol.server;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls into the {@link SessionHandler} so that nothing it does escapes: a handler that throws or returns no
 * stage gives a failed stage, and every failure becomes the {@link SqlErrorException} the client receives.
 */
final class HandlerCalls
{
    private static final Logger LOG = LoggerFactory.getLogger(HandlerCalls.class);

    private HandlerCalls()
    {
    }

    /** The handler's stage, or a failed one if it threw or returned {@code null}. */
    static <T> CompletionStage<T> call(final Supplier<CompletionStage<T>> call)
    {
        try
        {
            final CompletionStage<T> stage = call.get();
            return stage != null ? stage : CompletableFuture.failedFuture(new IllegalStateException("the session handler returned no CompletionStage"));
        }
        catch (final RuntimeException ex)
        {
            return CompletableFuture.failedFuture(ex);
        }
    }

    /**
     * The error to send for a failed handler stage: a {@link SqlErrorException} as it is, anything else as
     * ER_UNKNOWN_ERROR (logged: the handler broke its contract or has a bug; the statement is not logged, it
     * may hold a password).
     */
    static SqlErrorException toSqlError(final Throwable failure, final ServerConnection connection)
    {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null)
        {
            cause = cause.getCause();
        }
        if (cause instanceof SqlErrorException)
        {
            return (SqlErrorException)cause;
        }
        LOG.warn("{}: the session handler failed with other than SqlErrorException; the client gets error 1105", connection, cause);
        return ServerErrors.unexpected(cause);
    }
}
