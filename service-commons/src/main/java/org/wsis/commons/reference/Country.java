package org.wsis.commons.reference;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A country or territory of ISO 3166-1. {@code alpha3} is the platform's canonical code (stored, published in
 * events, asked of other services); {@code alpha2} and {@code m49} (UN M49, three digits) are accepted on input.
 * {@code name} is the UN M49 English name ({@code country-labels.tsv}, the platform's only English country name; its
 * other languages: {@link Countries#labels()}). {@code ituRegion} is null for a territory that is not an ITU Member
 * State. No class-level {@code @Schema}: it would put the schema into the OpenAPI document of every service that
 * indexes this jar, used or not.
 */
public record Country(String alpha3, String alpha2,
                      @Schema(description = "UN M49, three digits with leading zeros") String m49,
                      @Schema(description = "UN M49 English name") String name,
                      @Schema(nullable = true, description = "ITU region; null for a territory that is not an ITU Member State")
                      ItuRegion ituRegion) {
}
