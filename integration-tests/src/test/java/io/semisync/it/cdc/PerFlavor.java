package io.semisync.it.cdc;

import io.semisync.sources.Flavor;

import java.util.EnumMap;
import java.util.Map;

/**
 * A test class's fixture per flavor (a source of its own, our replica on it, ...), made at the first test that needs it
 * and closed after the class ({@link #closeAll()} from {@code @AfterAll}), also when its preparation failed.
 */
final class PerFlavor<T extends AutoCloseable>
{
    /** Makes and prepares one flavor's fixture. */
    @FunctionalInterface
    interface Maker<T>
    {
        T make(Flavor flavor) throws Exception;
    }

    /** Prepares a fixture just made, e.g. runs a workload on it. */
    @FunctionalInterface
    interface Preparation<T>
    {
        void prepare(T fixture) throws Exception;
    }

    private final Map<Flavor, T> made = new EnumMap<>(Flavor.class);
    private final Maker<T> maker;
    private final Preparation<T> preparation;

    PerFlavor(final Maker<T> maker)
    {
        this(maker, fixture ->
        {
        });
    }

    PerFlavor(final Maker<T> maker, final Preparation<T> preparation)
    {
        this.maker = maker;
        this.preparation = preparation;
    }

    synchronized T get(final Flavor flavor) throws Exception
    {
        T fixture = made.get(flavor);
        if (fixture == null)
        {
            fixture = maker.make(flavor);
            made.put(flavor, fixture);
            preparation.prepare(fixture);
        }
        return fixture;
    }

    synchronized void closeAll() throws Exception
    {
        try
        {
            for (final T fixture : made.values())
            {
                fixture.close();
            }
        }
        finally
        {
            made.clear();
        }
    }
}
