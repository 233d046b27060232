package org.wsis.commons.privacy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.wsis.commons.time.ServiceClock;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A person's data in one service, in the one shape every service answers ({@code GET /api/v1/me/personal-data}). */
@ApplicationScoped
public class PersonalDataExports {
    private final Instance<PersonalDataHolder> holders;
    private final Consents consents;
    private final Erasures erasures;
    private final Clock clock;
    private final String service;

    PersonalDataExports(Instance<PersonalDataHolder> holders, Consents consents, Erasures erasures, Clock clock,
                        @ConfigProperty(name = "quarkus.application.name") String service) {
        this.holders = holders;
        this.consents = consents;
        this.erasures = erasures;
        this.clock = clock;
        this.service = service;
    }

    @Schema(name = "PersonalDataExport", description = "What one service holds about the caller")
    public record Export(String service, String subject, OffsetDateTime exportedAt,
                         @Schema(description = "The person's data by section (registrations, entries, votes...), each a list of records")
                         Map<String, Object> data,
                         List<Consents.Consent> consents, List<Erasures.Status> erasures) {
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Export of(String subject) {
        Map<String, Object> data = new TreeMap<>();
        for (PersonalDataHolder holder : holders) {
            data.putAll(holder.export(subject));
        }
        return new Export(service, subject, ServiceClock.utcNow(clock), data, consents.of(subject), erasures.of(subject));
    }
}
