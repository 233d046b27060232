package org.wsis.localstack.testing;

import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.PostDiscoveryFilter;

import java.lang.annotation.Annotation;
import java.util.HashSet;
import java.util.Set;

/**
 * The fast tier: with {@code -Dwsis.tests=fast}, only plain unit tests of pure logic run (seconds per
 * module); test classes that start an application or processes are left out: {@code @QuarkusTest}
 * ones, and those tagged {@code @Tag("processes")} (they start PostgreSQL, Kafka or the platform
 * themselves). Registered in META-INF/services, so every module whose tests have local-stack obeys it;
 * without the property it changes nothing.
 * <pre>./mvnw -B verify -Dwsis.tests=fast -pl '!e2e-tests,!reliability-tests'</pre>
 */
public class FastTier implements PostDiscoveryFilter {
    public static final String PROPERTY = "wsis.tests";
    /** The tag of plain JUnit tests that start real processes. */
    public static final String PROCESSES = "processes";
    private static final String QUARKUS_TEST = "io.quarkus.test.junit.QuarkusTest";

    @Override
    public FilterResult apply(TestDescriptor descriptor) {
        if (!"fast".equals(System.getProperty(PROPERTY))) {
            return FilterResult.included("all tiers");
        }
        if (descriptor.getTags().stream().anyMatch(tag -> tag.getName().equals(PROCESSES))) {
            return FilterResult.excluded("starts processes: not in the fast tier");
        }
        if (descriptor.getSource().orElse(null) instanceof ClassSource source
                && annotatedWith(source.getJavaClass(), QUARKUS_TEST, new HashSet<>())) {
            return FilterResult.excluded("@QuarkusTest: not in the fast tier");
        }
        return FilterResult.included("a plain unit test");
    }

    /** Directly, on an enclosing class, or through a meta-annotation (@QuarkusIntegrationTest-style stereotypes). */
    private static boolean annotatedWith(Class<?> type, String annotation, Set<Class<?>> seen) {
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            for (Annotation a : c.getAnnotations()) {
                Class<? extends Annotation> kind = a.annotationType();
                if (kind.getName().equals(annotation)
                        || (!kind.getName().startsWith("java.") && seen.add(kind) && annotatedWith(kind, annotation, seen))) {
                    return true;
                }
            }
        }
        return false;
    }
}
