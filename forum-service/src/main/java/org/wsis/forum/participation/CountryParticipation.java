package org.wsis.forum.participation;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** How many people from one country took part in each Forum edition: counts only, never a person. */
@Schema(name = "CountryParticipation", description = "Confirmed registrations from one country, per edition (aggregate only)")
public record CountryParticipation(
        @Schema(description = "ISO 3166-1 alpha-3, whichever form the request used") String country,
        @Schema(description = "Counts below this are suppressed (reported as null with suppressed=true)") int minimumCount,
        @Schema(description = "Editions with at least one confirmed registration from the country, oldest first") List<Edition> editions) {

    @Schema(name = "CountryParticipationEdition")
    public record Edition(int edition,
                          @Schema(nullable = true, description = "Confirmed registrations; null when below minimumCount") Long participants,
                          @Schema(description = "true when the count is below minimumCount and withheld") boolean suppressed) {
    }
}
