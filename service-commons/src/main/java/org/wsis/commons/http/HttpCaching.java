package org.wsis.commons.http;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.Produces;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * HTTP caching for every service's reads, in one place:
 * <ul>
 * <li>personal data (paths of {@code wsis.http.cache.personal-paths}: anything about the signed-in person
 * or lists of people) is {@code Cache-Control: no-store}: no browser or proxy keeps a copy;</li>
 * <li>every other successful GET gets an ETag (the resource's own, e.g. a versioned entry's, else a weak
 * one hashed from the JSON body) and {@code Cache-Control}: {@code public} when asked anonymously,
 * {@code private} when asked with a token, revalidated each time ({@code no-cache}, or
 * {@code max-age=wsis.http.cache.max-age} for anonymous answers); an {@code If-None-Match} that
 * matches gets 304 with no body.</li>
 * </ul>
 * Streamed answers (exports) get Cache-Control but no computed ETag: hashing them would mean buffering them.
 */
public class HttpCaching {
    private final ObjectMapper json;
    private final List<Pattern> personalPaths;
    private final long publicMaxAgeSeconds;
    private final Map<Method, Boolean> jsonOnly = new ConcurrentHashMap<>();

    HttpCaching(ObjectMapper json,
            @ConfigProperty(name = "wsis.http.cache.personal-paths") Optional<List<String>> personalPaths,
            @ConfigProperty(name = "wsis.http.cache.max-age", defaultValue = "0") long publicMaxAgeSeconds) {
        this.json = json;
        this.personalPaths = personalPaths.orElse(List.of()).stream().map(HttpCaching::glob).toList();
        this.publicMaxAgeSeconds = publicMaxAgeSeconds;
    }

    @ServerResponseFilter
    public void cacheHeaders(ContainerRequestContext request, ContainerResponseContext response, ResourceInfo resource) {
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return;
        }
        if (isPersonal(request.getUriInfo().getPath())) {
            response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, "no-store");
            return;
        }
        if (response.getStatus() != 200) {
            return;
        }
        boolean signedIn = request.getHeaderString(HttpHeaders.AUTHORIZATION) != null;
        // A cache must not hand an anonymous answer to a signed-in caller as is (they may see more), nor a
        // gzipped one to a client that did not ask for gzip.
        // One Vary header: the resource's own (Accept-Language for labelled replies, i18n/LocalizedReply) kept after these.
        StringBuilder vary = new StringBuilder(HttpHeaders.AUTHORIZATION + ", " + HttpHeaders.ACCEPT_ENCODING);
        List<Object> own = response.getHeaders().remove(HttpHeaders.VARY);
        if (own != null) {
            own.forEach(value -> vary.append(", ").append(value));
        }
        response.getHeaders().putSingle(HttpHeaders.VARY, vary.toString());
        if (!response.getHeaders().containsKey(HttpHeaders.CACHE_CONTROL)) {
            response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, signedIn ? "private, no-cache"
                    : publicMaxAgeSeconds > 0 ? "public, max-age=" + publicMaxAgeSeconds : "public, no-cache");
        }
        String etag = currentEtag(response, resource);
        if (etag == null) {
            return;
        }
        if (matches(request.getHeaderString(HttpHeaders.IF_NONE_MATCH), etag)) {
            response.setStatus(304);
            response.setEntity(null);
            response.getHeaders().remove(HttpHeaders.CONTENT_TYPE);
            response.getHeaders().remove(HttpHeaders.CONTENT_LENGTH);
        }
    }

    /**
     * The answer's ETag as sent ({@code "x"} or {@code W/"x"}); computed and set when the resource set none. An answer
     * of a resource that produces JSON only is then sent as the JSON hashed, not serialised a second time by the writer
     * (a search page is ~20 KB of JSON: writing it twice was a tenth of stocktaking's CPU under the search benchmark).
     */
    private String currentEtag(ContainerResponseContext response, ResourceInfo resource) {
        Object own = response.getHeaders().getFirst(HttpHeaders.ETAG);
        if (own instanceof EntityTag tag) {
            return (tag.isWeak() ? "W/" : "") + "\"" + tag.getValue() + "\"";
        }
        if (own != null) {
            return own.toString();
        }
        Object entity = response.getEntity();
        byte[] body = bodyBytes(entity);
        if (body == null) {
            return null;
        }
        if (body != entity && !(entity instanceof String) && producesJsonOnly(resource)) {
            response.setEntity(body, response.getEntityAnnotations(), MediaType.APPLICATION_JSON_TYPE);
        }
        String etag = "W/\"" + hash(body) + "\"";
        response.getHeaders().putSingle(HttpHeaders.ETAG, etag);
        return etag;
    }

    private byte[] bodyBytes(Object entity) {
        if (entity == null || entity instanceof StreamingOutput || entity instanceof InputStream
                || entity instanceof java.io.File || entity instanceof java.nio.file.Path
                || entity.getClass().getName().startsWith("io.smallrye.mutiny")) {
            return null;
        }
        if (entity instanceof byte[] bytes) {
            return bytes;
        }
        if (entity instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return json.writeValueAsBytes(entity);
        } catch (JsonProcessingException e) {
            return null; // the writer will report it; no ETag then
        }
    }

    /**
     * Whether the resource method produces {@code application/json} and nothing else (its own {@code @Produces}, else
     * its class's): its answers are written by the Jackson writer as {@link #bodyBytes} writes them. Others (SDMX, CSV,
     * several types) keep their own writers.
     */
    private boolean producesJsonOnly(ResourceInfo resource) {
        Method method = resource == null ? null : resource.getResourceMethod();
        if (method == null) {
            return false;
        }
        return jsonOnly.computeIfAbsent(method, m -> {
            Produces produces = m.getAnnotation(Produces.class);
            if (produces == null) {
                produces = resource.getResourceClass().getAnnotation(Produces.class);
            }
            if (produces == null || produces.value().length != 1) {
                return false;
            }
            try {
                MediaType type = MediaType.valueOf(produces.value()[0]);
                return type.getType().equals("application") && type.getSubtype().equals("json");
            } catch (IllegalArgumentException notOneType) { // e.g. "a/b, c/d" in one string: keep the writer
                return false;
            }
        });
    }

    /** RFC 9110 weak comparison: W/"x" and "x" match; "*" matches any current representation. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        String current = opaque(etag);
        return Arrays.stream(ifNoneMatch.split(",")).map(String::trim)
                .anyMatch(tag -> tag.equals("*") || opaque(tag).equals(current));
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }

    private static String hash(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean isPersonal(String path) {
        String normalized = path.startsWith("/") ? path : "/" + path;
        return personalPaths.stream().anyMatch(pattern -> pattern.matcher(normalized).matches());
    }

    /** {@code *} one path segment, {@code **} any number of them (none included). */
    public static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        String[] parts = glob.trim().split("/", -1);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (i == 0 && part.isEmpty()) {
                continue;
            }
            if (part.equals("**")) {
                regex.append("(/[^/]+)*");
            } else {
                regex.append('/').append(part.equals("*") ? "[^/]+" : Pattern.quote(part));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
