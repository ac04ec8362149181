package io.semisync.replica.config;

/** A setting is missing or wrong; the message names it and says what to do. */
public final class ConfigException extends RuntimeException
{
    public ConfigException(final String message)
    {
        super(message);
    }
}
