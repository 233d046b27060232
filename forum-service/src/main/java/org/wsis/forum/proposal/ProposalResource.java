package org.wsis.forum.proposal;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.wsis.commons.i18n.LanguagePreference;
import org.wsis.commons.i18n.Translation;
import org.wsis.commons.i18n.Translations;
import org.wsis.commons.paging.PageParams;
import org.wsis.commons.text.PlainText;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.wsis.forum.session.SessionDtos;
import org.wsis.forum.session.SessionKind;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The call for session proposals of an edition: anyone signed in proposes; proposers list their
 * own proposals, organizers all. Review (accept/decline): ProposalReviewResource; rules: ProposalService.
 */
@Path("/api/v1/editions/{year}/proposals")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Proposals")
public class ProposalResource {

    public record NewProposal(@NotNull SessionKind kind,
                              @NotBlank @Size(max = 300) @Pattern(regexp = PlainText.ONE_LINE, message = PlainText.MESSAGE) String title,
                              @NotBlank @Size(max = 5000) @Pattern(regexp = PlainText.MULTI_LINE, message = PlainText.MESSAGE) String description,
                              @Size(max = 200) @Pattern(regexp = PlainText.ONE_LINE, message = PlainText.MESSAGE) String track,
                              @Size(max = 11) List<@NotNull @Pattern(regexp = SessionDtos.ACTION_LINE, message = "must be an action line C1..C11 or C7.E-...") String> actionLines,
                              @Size(max = 50) List<@NotBlank @Size(max = 200) @Pattern(regexp = PlainText.ONE_LINE, message = PlainText.MESSAGE) String> speakers,
                              @Schema(nullable = true, description = "The UN language title and description are written in (default: the language their script implies, Arabic, Chinese or Russian, else en)")
                              @Pattern(regexp = Translations.LANGUAGE_PATTERN, message = Translations.LANGUAGE_MESSAGE) String language,
                              @Schema(nullable = true, description = "The proposer's own title and description in other UN languages, "
                                      + "by ISO 639-1 code (not the proposal's language); origin OWNER")
                              @Size(max = 5) Map<@NotNull @Pattern(regexp = Translations.LANGUAGE_PATTERN, message = Translations.LANGUAGE_MESSAGE) String,
                                      @NotNull @Valid ProposalTranslation> translations) {
    }

    /**
     * Title and description as the proposer writes them in another UN language: the limits of the original's, and the
     * text rule of every text people send (commons {@link PlainText}, as NewTranslation).
     */
    @Schema(name = "ProposalTranslation")
    public record ProposalTranslation(@NotBlank @Size(max = 300)
                                      @Pattern(regexp = PlainText.ONE_LINE, message = PlainText.MESSAGE) String title,
                                      @NotBlank @Size(max = 5000)
                                      @Pattern(regexp = PlainText.MULTI_LINE, message = PlainText.MESSAGE) String description) {
    }

    /** What the organizer decides when accepting: where, when and how many seats. */
    public record Acceptance(@Size(max = 200) @Pattern(regexp = PlainText.ONE_LINE, message = PlainText.MESSAGE) String room,
                             @Size(max = 500) @Pattern(regexp = "https://" + PlainText.LINK_REST, message = "must be an https link") String onlineLink,
                             @NotNull OffsetDateTime startsAt,
                             @NotNull OffsetDateTime endsAt,
                             @NotNull @Min(1) @Max(100_000) Integer capacity) {
    }

    public record Decline(@NotBlank @Size(max = 2000) @Pattern(regexp = PlainText.MULTI_LINE, message = PlainText.MESSAGE) String reason) {
    }

    /**
     * A proposal, seen by its proposer and organizers only: {@code language} is the language title and description
     * are shown in (Accept-Language's choice among the original and the translations), {@code originalLanguage} the
     * one the proposer wrote in, {@code translations} every other language at once.
     */
    public record ProposalView(UUID id, int edition, SessionKind kind, String title, String description, @Schema(nullable = true) String track,
                               List<String> actionLines, List<String> speakers, SessionProposal.Status status,
                               @Schema(nullable = true) String declineReason, @Schema(nullable = true) UUID sessionId, OffsetDateTime submittedAt, @Schema(nullable = true) OffsetDateTime reviewedAt,
                               @Schema(description = "The language title and description are in") String language,
                               @Schema(description = "The language the proposer wrote the proposal in") String originalLanguage,
                               @Schema(description = "The proposer's title and description in other UN languages, by ISO 639-1 code") Map<String, Translation> translations) {
        /** In the original language. */
        public static ProposalView of(SessionProposal p) {
            return of(p, null);
        }

        /** Title and description in the language {@code preference} chooses (null: the original). */
        public static ProposalView of(SessionProposal p, LanguagePreference preference) {
            Translations.Shown shown = Translations.shown(p.translations, p.language, p.title, p.description, preference);
            return new ProposalView(p.id, p.editionYear, p.kind, shown.title(), shown.description(), p.track, p.actionLines,
                    p.speakers, p.status, p.declineReason, p.sessionId, p.submittedAt, p.reviewedAt,
                    shown.language(), p.language, Translations.view(p.translations, true));
        }
    }

    private final ProposalService proposals;

    public ProposalResource(ProposalService proposals) {
        this.proposals = proposals;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Authenticated
    @Operation(operationId = "proposeSession", summary = "Propose a session for an edition (anyone signed in)",
            description = "`language` (ar zh en fr ru es; default: Arabic, Chinese or Russian by the text's script, else en) is the language title and description are written in; "
                    + "`translations` the proposer's own title and description in other UN languages (origin OWNER), each "
                    + "within the original's limits. Another language code: 400; a translation in `language` itself: 422. "
                    + "Accepted, the session keeps the language and the translations.")
    @APIResponse(responseCode = "201", description = "The proposal, submitted",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ProposalView.class)))
    public Response propose(@PathParam("year") int year,
                            @NotNull(message = "a JSON body is required") @Valid NewProposal request, @Context UriInfo uri) {
        SessionProposal proposal = proposals.propose(year, request);
        return Response.created(uri.getBaseUriBuilder().path("api/v1/proposals").path(proposal.id.toString()).build())
                .entity(ProposalView.of(proposal)).build();
    }

    @GET
    @Authenticated
    @Operation(operationId = "listSessionProposals", summary = "Proposals of an edition: all for organizers, one's own otherwise; optional status filter",
            description = "Title and description in the language Accept-Language chooses among each proposal's original and "
                    + "translations (then English, then the original); `language` says which, `translations` has every one.")
    @APIResponse(responseCode = "200", description = "A page of proposals",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ProposalView.class, type = SchemaType.ARRAY)))
    public Response list(@PathParam("year") int year, @QueryParam("status") SessionProposal.Status status,
                         @BeanParam @Valid PageParams page, @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage,
                         @Context UriInfo uri) {
        return Response.fromResponse(proposals.list(year, status, page, LanguagePreference.parse(acceptLanguage)).toResponse(uri))
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE).build();
    }
}
