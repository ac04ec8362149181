package io.semisync.storage;

/**
 * A relay log setting is invalid; names the setting and the value.
 */
public final class RelayLogConfigException extends RelayLogException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what was wrong and where.
     */
    public RelayLogConfigException(final String message)
    {
        super(message);
    }
}
