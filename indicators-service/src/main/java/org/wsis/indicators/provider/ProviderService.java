package org.wsis.indicators.provider;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.wsis.commons.problem.ProblemException;
import org.wsis.commons.security.CurrentUser;

import java.util.List;

/** Which indicators an agency provides (indicator_provider), for the agency in the caller's token. */
@ApplicationScoped
public class ProviderService {
    private final CurrentUser caller;
    private final EntityManager entityManager;

    public ProviderService(CurrentUser caller, EntityManager entityManager) {
        this.caller = caller;
        this.entityManager = entityManager;
    }

    public ProviderResource.ProviderView mine() {
        String agency = caller.agency().orElseThrow(() ->
                ProblemException.forbidden("The token carries no 'agency' claim: only agency clients and agency staff provide data"));
        @SuppressWarnings("unchecked")
        List<String> codes = entityManager.createNativeQuery(
                "SELECT indicator_code FROM indicator_provider WHERE agency = ?1 ORDER BY indicator_code")
                .setParameter(1, agency).getResultList();
        return new ProviderResource.ProviderView(agency, codes);
    }
}
