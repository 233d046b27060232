package org.wsis.localstack.testing;

import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.PostDiscoveryFilter;

import java.lang.annotation.Annotation;
import java.util.HashSet;
import java.util.Set;

/**
 * In the fast tier ({@link TestTier}), fails the run when a discovered test class is a Quarkus test without
 * {@code @Tag("integration")}: excluding by tag cannot exclude a class that lacks it, and the class would start a
 * whole application in the "fast" tier. Registered through {@code META-INF/services} for every module whose tests
 * use the local stack; does nothing in the full run. Annotations are compared by name, as Quarkus loads its test
 * classes in its own class loader.
 */
public class FastTierGuard implements PostDiscoveryFilter {
    private static final Set<String> QUARKUS_TESTS = Set.of("io.quarkus.test.junit.QuarkusTest",
            "io.quarkus.test.junit.QuarkusIntegrationTest", "io.quarkus.test.junit.QuarkusMainTest",
            "io.quarkus.test.component.QuarkusComponentTest");

    @Override
    public FilterResult apply(TestDescriptor descriptor) {
        if (!TestTier.fast() || !(descriptor.getSource().orElse(null) instanceof ClassSource source)
                || descriptor.getParent().flatMap(TestDescriptor::getSource).orElse(null) instanceof ClassSource) {
            return FilterResult.included("not a top-level test class in the fast tier");
        }
        Class<?> type = source.getJavaClass();
        if (isQuarkusTest(type) && !descriptor.getTags().contains(TestTag.create(TestTier.INTEGRATION))) {
            throw new IllegalStateException(type.getName() + " is a Quarkus test without @Tag(\"" + TestTier.INTEGRATION
                    + "\"): it would start an application in the fast tier (-Pfast). Tag it (see org.wsis.localstack.testing.TestTier).");
        }
        return FilterResult.included("tagged or plain");
    }

    static boolean isQuarkusTest(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            if (annotatedWith(c.getAnnotations(), new HashSet<>())) {
                return true;
            }
        }
        return false;
    }

    /** Directly or through a meta-annotation (a stereotype of @QuarkusTest). */
    private static boolean annotatedWith(Annotation[] annotations, Set<String> seen) {
        for (Annotation a : annotations) {
            String name = a.annotationType().getName();
            if (QUARKUS_TESTS.contains(name)) {
                return true;
            }
            if (!name.startsWith("java.lang.") && seen.add(name) && annotatedWith(a.annotationType().getAnnotations(), seen)) {
                return true;
            }
        }
        return false;
    }
}
