package org.wsis.forum.registration;

import org.wsis.commons.reference.StakeholderType;
import org.wsis.commons.text.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import org.wsis.forum.edition.ForumEdition;
import org.wsis.forum.programme.MyProgramme;
import java.util.UUID;

public final class RegistrationDtos {

    /** What a participant gives when registering or updating; consent must be true. */
    public record RegistrationForm(@NotNull Registration.Attendance attendance,
                                   @NotBlank @Size(max = 200) @Pattern(regexp = PlainText.ONE_LINE, message = PlainText.MESSAGE) String fullName,
                                   @Size(max = 300) @Pattern(regexp = PlainText.ONE_LINE, message = PlainText.MESSAGE) String organisation,
                                   @NotNull StakeholderType stakeholderType,
                                   @NotBlank @Size(max = 3) @Schema(description = "ISO 3166-1 alpha-3 (CHE, stored and returned), alpha-2 (CH) or UN M49 (756)") @Pattern(regexp = PlainText.ONE_LINE, message = PlainText.MESSAGE) String country,
                                   @Size(max = 2000) @Pattern(regexp = PlainText.MULTI_LINE, message = PlainText.MESSAGE) String accessibilityNeeds,
                                   @NotNull Boolean consent) {
    }

    /** A registration as its participant (and organizers) see it; the confirmation number is its id. */
    public record RegistrationView(UUID id, int edition, Registration.Status status, Registration.Attendance attendance,
                                   @Schema(nullable = true) String fullName, @Schema(nullable = true) String organisation, StakeholderType stakeholderType,
                                   @Schema(nullable = true) String country, @Schema(nullable = true, description = "ITU region code (AFR, AMS, ARB, ASP, CIS, EUR) of the country; null for a territory") String region, @Schema(nullable = true) String accessibilityNeeds,
                                   @Schema(nullable = true) OffsetDateTime consentGivenAt, OffsetDateTime registeredAt, OffsetDateTime updatedAt,
                                   @Schema(nullable = true) OffsetDateTime cancelledAt, @Schema(nullable = true) OffsetDateTime checkedInAt,
                                   /* as the form takes it, so what GET gives can be PUT back */ boolean consent,
                                   @Schema(nullable = true, description = "when an organizer approved or rejected the accreditation") OffsetDateTime decidedAt,
                                   @Schema(nullable = true, description = "the organizer's reason (always given for a rejection)") String decisionReason,
                                   @Schema(description = "the edition's dates, venue or format changed after you registered (see the edition)")
                                   boolean editionChangedSinceRegistration,
                                   @Schema(description = "your session sign-ups, also those the organizers cancelled, with their current time and place")
                                   List<MyProgramme.SessionSignup> sessions) {
        public static RegistrationView of(Registration r) {
            ForumEdition edition = ForumEdition.findById(r.editionYear);
            boolean editionChanged = edition != null && edition.changedAt != null && edition.changedAt.isAfter(r.registeredAt);
            return new RegistrationView(r.id, r.editionYear, r.status, r.attendance, r.fullName, r.organisation,
                    r.stakeholderType, r.country, r.region, r.accessibilityNeeds, r.consentGivenAt, r.registeredAt,
                    r.updatedAt, r.cancelledAt, r.checkedInAt, r.consentGivenAt != null, r.decidedAt, r.decisionReason, editionChanged, MyProgramme.of(r.id));
        }
    }

    public record Badge(UUID registrationId, int edition, String fullName, String code) {
    }

    private RegistrationDtos() {
    }
}
