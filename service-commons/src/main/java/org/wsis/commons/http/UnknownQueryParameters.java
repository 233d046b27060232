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
 * A resource that checks its parameters itself, in its own error format, says
 * {@link ChecksItsOwnQueryParameters} (SDMX answers SDMX-ML errors).
 */
public class UnknownQueryParameters {
    private static final ConcurrentHashMap<Method, Set<String>> DECLARED = new ConcurrentHashMap<>();

    @ServerRequestFilter
    public void refuseUndeclared(ContainerRequestContext request, ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        Class<?> resourceClass = resource.getResourceClass();
        if (method == null || resourceClass == null || resourceClass.isAnnotationPresent(ChecksItsOwnQueryParameters.class)) {
            return;
        }
        Set<String> given = request.getUriInfo().getQueryParameters().keySet();
        if (given.isEmpty()) {
            return;
        }
        Set<String> declared = DECLARED.computeIfAbsent(method, m -> declaredBy(m, resourceClass));
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
    }

    static Set<String> declaredBy(Method method, Class<?> resourceClass) {
        Set<String> names = new TreeSet<>();
        for (Parameter parameter : method.getParameters()) {
            collect(parameter.getAnnotations(), parameter.getType(), names, 0);
        }
        fieldsOf(resourceClass, names, 0);
        return Set.copyOf(names);
    }

    private static void collect(Annotation[] annotations, Class<?> type, Set<String> names, int depth) {
        for (Annotation annotation : annotations) {
            if (annotation instanceof QueryParam query) {
                names.add(query.value());
            } else if (annotation instanceof BeanParam && depth < 3) {
                fieldsOf(type, names, depth + 1);
            }
        }
    }

    private static void fieldsOf(Class<?> type, Set<String> names, int depth) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                collect(field.getAnnotations(), field.getType(), names, depth);
            }
        }
    }

    /** Names are echoed back: bounded and without control characters. */
    private static String quoted(String name) {
        String safe = name.replaceAll("\\p{Cntrl}", "?");
        return "'" + (safe.length() > 60 ? safe.substring(0, 60) + "…" : safe) + "'";
    }
}
