package io.semisync.it;

import io.semisync.sources.Flavor;
import io.semisync.sources.MariadbRelease;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Asks {@link SourceServerExtension} for a real source of a flavor: the run-wide shared one, or with
 * {@code dedicated = true} one of the test's own that is removed after the test (use it to stop, kill or
 * restart the server). {@code mariadb} picks the release of a MariaDB source (10.11 by default, or 11.8).
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
public @interface Source
{
    Flavor value();

    boolean dedicated() default false;

    MariadbRelease mariadb() default MariadbRelease.V10_11;
}
