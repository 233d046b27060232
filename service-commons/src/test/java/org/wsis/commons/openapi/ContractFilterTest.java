package org.wsis.commons.openapi;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the filter adds to a service's document, on a model built by hand (the defaults' personal paths apply). */
class ContractFilterTest {

    private static Operation get() {
        return OASFactory.createOperation().operationId("x").responses(OASFactory.createAPIResponses()
                .addAPIResponse("200", OASFactory.createAPIResponse().description("ok")));
    }

    private static OpenAPI document(String path, Operation operation) {
        OpenAPI openAPI = OASFactory.createOpenAPI().paths(OASFactory.createPaths()
                .addPathItem(path, OASFactory.createPathItem().GET(operation)));
        new ContractFilter().filterOpenAPI(openAPI);
        return openAPI;
    }

    @Test
    void aPublicReadIsDeclaredWithItsEtagAndA304() {
        APIResponses responses = document("/api/v1/things/{id}", get()).getPaths().getPathItem("/api/v1/things/{id}")
                .getGET().getResponses();
        assertNotNull(responses.getAPIResponse("304"), "304 declared");
        assertNull(responses.getAPIResponse("304").getContent(), "a 304 has no body");
        assertTrue(responses.getAPIResponse("200").getHeaders().containsKey("ETag"));
    }

    @Test
    void personalDataIsNeverRevalidatedSoNo304() {
        APIResponses responses = document("/api/v1/editions/{year}/registrations/me", get()).getPaths()
                .getPathItem("/api/v1/editions/{year}/registrations/me").getGET().getResponses();
        assertFalse(responses.hasAPIResponse("304"), "no-store answers are never 304");
    }

    @Test
    void anOperationsOwnErrorFormatsAreOfferedBesideTheProblem() {
        Operation operation = get().addExtension(ContractFilter.ERROR_MEDIA_TYPES, "application/vnd.sdmx.error+xml;version=2.1, application/json");
        operation.getResponses().addAPIResponse("404", OASFactory.createAPIResponse().description("none"));
        Operation filtered = document("/api/sdmx/data/{flow}", operation).getPaths().getPathItem("/api/sdmx/data/{flow}").getGET();
        for (String status : List.of("404", "406")) {
            assertEquals(List.of("application/problem+json", "application/vnd.sdmx.error+xml;version=2.1", "application/json"),
                    List.copyOf(filtered.getResponses().getAPIResponse(status).getContent().getMediaTypes().keySet()), status);
        }
        assertEquals(3, filtered.getResponses().getDefaultValue().getContent().getMediaTypes().size());
        assertFalse(filtered.hasExtension(ContractFilter.ERROR_MEDIA_TYPES), "the extension itself is not published");
    }
}
