package org.wsis.commons.http;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.wsis.commons.problem.ProblemException;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Never a silently ignored parameter (issue 15): a query parameter the matched operation does not declare
 * is a 400 naming it and the ones it takes. A typo such as {@code ?contry=KE} would otherwise answer
 * everything, unfiltered, and look like a result. The declared names are read once per resource method
 * from its {@code @QueryParam}s, including those of its {@code @BeanParam}s (e.g. {@code PageParams}).
 * A parameter that takes one value (not a list) given twice is a 400 as well: JAX-RS would keep the
 * first and drop the other. The platform's convention for filters with several values: repeat the
 * parameter ({@code ?region=AFR&region=ARB}); filters that also take commas say so in their description.
 * A resource that checks its parameters itself, in its own error format, says
 * {@link ChecksItsOwnQueryParameters} (SDMX answers SDMX-ML errors).
 */
public class UnknownQueryParameters {
    private static final ConcurrentHashMap<Method, Declared> DECLARED = new ConcurrentHashMap<>();

    /** The query parameters of one operation: all of them, and those that take a single value. */
    record Declared(Set<String> names, Set<String> singleValued) {
    }

    @ServerRequestFilter
    public void refuseUndeclared(ContainerRequestContext request, ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        Class<?> resourceClass = resource.getResourceClass();
        if (method == null || resourceClass == null || resourceClass.isAnnotationPresent(ChecksItsOwnQueryParameters.class)) {
            return;
        }
        var query = request.getUriInfo().getQueryParameters();
        Set<String> given = query.keySet();
        if (given.isEmpty()) {
            return;
        }
        Declared operation = DECLARED.computeIfAbsent(method, m -> declaredBy(m, resourceClass));
        Set<String> declared = operation.names();
        Set<String> unknown = new TreeSet<>();
        for (String name : given) {
            if (!declared.contains(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw ProblemException.badRequest("Unknown query parameter" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown.stream().map(UnknownQueryParameters::quoted).toList())
                    + (declared.isEmpty() ? "; this operation takes none" : "; this operation takes " + String.join(", ", declared)));
        }
        for (String name : operation.singleValued()) {
            if (query.containsKey(name) && query.get(name).size() > 1) {
                throw ProblemException.badRequest("Query parameter '" + name + "' takes one value, not " + query.get(name).size());
            }
        }
    }

    static Declared declaredBy(Method method, Class<?> resourceClass) {
        TreeSet<String> names = new TreeSet<>();
        TreeSet<String> single = new TreeSet<>();
        for (Parameter parameter : method.getParameters()) {
            collect(parameter.getAnnotations(), parameter.getType(), names, single, 0);
        }
        fieldsOf(resourceClass, names, single, 0);
        // sorted, so the problem detail lists them in a stable order
        return new Declared(java.util.Collections.unmodifiableSortedSet(names), java.util.Collections.unmodifiableSortedSet(single));
    }

    private static void collect(Annotation[] annotations, Class<?> type, Set<String> names, Set<String> single, int depth) {
        for (Annotation annotation : annotations) {
            if (annotation instanceof QueryParam query) {
                names.add(query.value());
                if (!java.util.Collection.class.isAssignableFrom(type) && !type.isArray()) {
                    single.add(query.value());
                }
            } else if (annotation instanceof BeanParam && depth < 3) {
                fieldsOf(type, names, single, depth + 1);
            }
        }
    }

    private static void fieldsOf(Class<?> type, Set<String> names, Set<String> single, int depth) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                collect(field.getAnnotations(), field.getType(), names, single, depth);
            }
        }
    }

    /** Names are echoed back: bounded and without control characters. */
    private static String quoted(String name) {
        String safe = name.replaceAll("\\p{Cc}", "?");
        return "'" + (safe.length() > 60 ? safe.substring(0, 60) + "…" : safe) + "'";
    }
}
