package io.semisync.protocol.server;

/** The answer to a statement: rows ({@link TextResultSet}) or an OK ({@link OkResult}). Errors are {@link SqlErrorException}s. */
public sealed interface QueryResult permits TextResultSet, OkResult
{
}
