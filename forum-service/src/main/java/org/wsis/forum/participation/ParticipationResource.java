package org.wsis.forum.participation;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A country's participation in the Forum, as counts per edition: public, aggregate only, small counts withheld. */
@Path("/api/v1/countries/{country}/participation")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
@Tag(name = "Participation by country")
public class ParticipationResource {
    private final ParticipationService participation;

    public ParticipationResource(ParticipationService participation) {
        this.participation = participation;
    }

    @GET
    @Operation(operationId = "getForumCountryParticipation",
            summary = "Confirmed registrations from one country per Forum edition (counts only; small counts withheld)")
    @APIResponse(responseCode = "200", description = "The country's participation per edition",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CountryParticipation.class)))
    @APIResponse(responseCode = "400", description = "Not a country code (ISO 3166-1 alpha-3, alpha-2 or UN M49)")
    @APIResponse(responseCode = "422", description = "A well-formed code no country has")
    public CountryParticipation get(@PathParam("country") String country) {
        return participation.of(country);
    }
}
