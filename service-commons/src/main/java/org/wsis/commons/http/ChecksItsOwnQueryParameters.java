package org.wsis.commons.http;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a resource class that refuses unknown query parameters itself, in its own error format (SDMX
 * answers SDMX-ML errors): {@link UnknownQueryParameters} leaves its operations alone.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ChecksItsOwnQueryParameters {
}
