package org.wsis.stocktaking.search;

import jakarta.enterprise.context.ApplicationScoped;
import org.wsis.commons.i18n.LanguagePreference;
import org.wsis.commons.paging.PageParams;
import org.wsis.commons.problem.ProblemException;
import org.wsis.stocktaking.reference.ReferenceData;

import java.util.List;
import java.util.Locale;

/** Public search: validates the filters against the reference data and asks the repository. */
@ApplicationScoped
public class SearchService {
    private final SearchRepository repository;
    private final ReferenceData reference;

    public SearchService(SearchRepository repository, ReferenceData reference) {
        this.repository = repository;
        this.reference = reference;
    }

    /** A page of hits, each title and summary in the language {@code shown} chooses for it. */
    public SearchDtos.SearchResult search(SearchFilters filters, String sort, boolean withFacets, PageParams page,
                                          LanguagePreference shown) {
        filters.validate(reference);
        SearchRepository.SortOrder order = sortOrder(sort);
        if (!withFacets) {
            List<SearchDtos.Hit> hits = repository.page(filters, order, page.offset(), page.size, shown);
            return new SearchDtos.SearchResult(hits, page.page, page.size, repository.count(filters), null);
        }
        SearchRepository.PageWithFacets result = repository.pageWithFacets(filters, order, page.offset(), page.size, shown);
        return new SearchDtos.SearchResult(result.hits(), page.page, page.size, result.facets().total(),
                result.facets().byFacet());
    }

    public SearchDtos.Facets facetsOnly(SearchFilters filters) {
        filters.validate(reference);
        return repository.facets(filters);
    }

    public void export(SearchFilters filters, java.util.function.Consumer<SearchDtos.Hit> sink) {
        repository.forEach(filters, 500, sink);
    }

    public void validate(SearchFilters filters) {
        filters.validate(reference);
    }

    static SearchRepository.SortOrder sortOrder(String sort) {
        if (sort == null || sort.isBlank()) {
            return SearchRepository.SortOrder.RELEVANCE;
        }
        try {
            return SearchRepository.SortOrder.valueOf(sort.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.malformed("sort", "must be relevance, newest, oldest or title");
        }
    }
}
