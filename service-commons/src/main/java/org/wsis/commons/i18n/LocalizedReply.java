package org.wsis.commons.i18n;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * A 200 reply whose labels are in one negotiated language: it says which ({@code Content-Language}) and that the
 * body depends on {@code Accept-Language} ({@code Vary}), so a cache never hands a French list to a Chinese reader.
 */
public final class LocalizedReply {
    private LocalizedReply() {
    }

    public static Response ok(Object entity, UnLanguage language) {
        return Response.ok(entity)
                .header(HttpHeaders.CONTENT_LANGUAGE, language.code())
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE)
                .build();
    }
}
