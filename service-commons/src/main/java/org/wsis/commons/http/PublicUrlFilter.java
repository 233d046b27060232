package org.wsis.commons.http;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MultivaluedMap;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Location, Content-Location and Link of every answer carry the public URL the caller used (see
 * {@link PublicUrls}): resources build them from {@code UriInfo}, i.e. from the service's own address,
 * and stored answers (idempotent replays) keep the address of their first request.
 */
public class PublicUrlFilter {
    private static final Pattern LINK_TARGET = Pattern.compile("<([^>]*)>");

    private final PublicUrls publicUrls;

    PublicUrlFilter(PublicUrls publicUrls) {
        this.publicUrls = publicUrls;
    }

    @ServerResponseFilter
    public void publicLinks(ContainerResponseContext response) {
        MultivaluedMap<String, Object> headers = response.getHeaders();
        rewrite(headers, "Location", false);
        rewrite(headers, "Content-Location", false);
        rewrite(headers, "Link", true);
    }

    private void rewrite(MultivaluedMap<String, Object> headers, String name, boolean linkHeader) {
        List<Object> values = headers.get(name);
        if (values == null || values.isEmpty()) {
            return;
        }
        List<Object> rewritten = new ArrayList<>(values.size());
        for (Object value : values) {
            String text = String.valueOf(value);
            rewritten.add(linkHeader ? rewriteLinkTargets(text) : publicUrls.publicUrl(text));
        }
        headers.put(name, rewritten);
    }

    private String rewriteLinkTargets(String link) {
        Matcher target = LINK_TARGET.matcher(link);
        StringBuilder out = new StringBuilder();
        while (target.find()) {
            target.appendReplacement(out, Matcher.quoteReplacement("<" + publicUrls.publicUrl(target.group(1)) + ">"));
        }
        target.appendTail(out);
        return out.toString();
    }
}
