package org.wsis.commons.paging;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;
import java.util.function.Function;

/** One page of a list, with the total so clients can show "page 3 of 12". */
public record Page<T>(List<T> items, int page, int size, long total) {

    public int totalPages() {
        return (int) ((total + size - 1) / size);
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), page, size, total);
    }

    /** 200 with this page as the body, X-Total-Count and RFC 8288 Link headers (first, prev, next, last). */
    public Response toResponse(UriInfo uri) {
        int last = Math.max(0, totalPages() - 1);
        List<String> links = new java.util.ArrayList<>();
        links.add(link(uri, 0, "first"));
        if (page > 0) {
            links.add(link(uri, Math.min(page - 1, last), "prev"));
        }
        if (page < last) {
            links.add(link(uri, page + 1, "next"));
        }
        links.add(link(uri, last, "last"));
        return Response.ok(this).header("X-Total-Count", total).header("Link", String.join(", ", links)).build();
    }

    private String link(UriInfo uri, int target, String rel) {
        return "<" + uri.getRequestUriBuilder().replaceQueryParam("page", target)
                .replaceQueryParam("size", size).build() + ">; rel=\"" + rel + "\"";
    }
}
