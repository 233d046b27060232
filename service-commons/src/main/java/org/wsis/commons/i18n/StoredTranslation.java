package org.wsis.commons.i18n;

import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * A {@link Translation} as a service keeps it in a jsonb column (a map by language code): plain strings only, so
 * any JSON mapper (Hibernate's own, with {@code quarkus.hibernate-orm.mapping.format.global=ignore}) reads back
 * exactly what it wrote.
 */
public class StoredTranslation {
    public String title;
    public String description;
    public String origin;
    public String translatorId;
    /** ISO-8601 UTC. */
    public String translatedAt;

    public StoredTranslation() {
    }

    public StoredTranslation(String title, String description, TranslationOrigin origin, String translatorId,
                             OffsetDateTime translatedAt) {
        this.title = title;
        this.description = description;
        this.origin = origin.name();
        this.translatorId = translatorId;
        this.translatedAt = translatedAt.toString();
    }

    /** What the owner sent, stripped, given by {@code translatorId} at {@code at}. */
    public static StoredTranslation of(NewTranslation request, String translatorId, OffsetDateTime at) {
        String description = request.description() == null || request.description().isBlank() ? null : request.description().strip();
        return new StoredTranslation(request.title().strip(), description, request.origin(), translatorId, at);
    }

    public Translation view() {
        return new Translation(title, description, TranslationOrigin.valueOf(origin), translatorId, OffsetDateTime.parse(translatedAt));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoredTranslation t && Objects.equals(title, t.title) && Objects.equals(description, t.description)
                && Objects.equals(origin, t.origin) && Objects.equals(translatorId, t.translatorId)
                && Objects.equals(translatedAt, t.translatedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(title, description, origin, translatorId, translatedAt);
    }
}
