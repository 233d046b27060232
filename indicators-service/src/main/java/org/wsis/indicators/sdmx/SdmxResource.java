package org.wsis.indicators.sdmx;

import jakarta.annotation.security.PermitAll;
import org.wsis.commons.http.ChecksItsOwnQueryParameters;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.wsis.commons.openapi.ContractFilter;
import org.wsis.indicators.observation.ObservationStore;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SDMX REST 2.1 under /api/sdmx (public: /api/indicators/sdmx through the gateway): data queries in
 * generic (default) or structure-specific SDMX-ML 2.1, SDMX-JSON 1.0 or SDMX-CSV 1.0; structure
 * queries (dataflow, datastructure, codelist, conceptscheme) and availableconstraint in SDMX-ML 2.1;
 * every other SDMX resource answers an SDMX 501. Errors are SDMX error messages.
 */
// Public reads: open to anyone, said explicitly (services deny endpoints without a security annotation)
@PermitAll
@ChecksItsOwnQueryParameters // unknown parameters are SDMX errors (SDMX-ML), not problem+json
@Path("/api/sdmx")
@Tag(name = "SDMX REST 2.1", description = "Public base URL: /api/indicators/sdmx (configure SDMX clients with it as an SDMX 2.1 REST source)")
public class SdmxResource {
    /** Bound on one data message; narrower queries (a key, a period range) stay below it. */
    static final int MAX_OBSERVATIONS = 1_000_000;

    /** SDMX REST 2.1 structure resources this service does not hold: an SDMX 501, not a 404. */
    static final Set<String> UNIMPLEMENTED = Set.of("structure", "metadatastructure", "categoryscheme", "categorisation",
            "contentconstraint", "actualconstraint", "allowedconstraint", "attachmentconstraint", "agencyscheme",
            "dataproviderscheme", "dataconsumerscheme", "organisationunitscheme", "hierarchicalcodelist",
            "metadataflow", "process", "provisionagreement", "reportingtaxonomy", "structureset", "schema",
            "metadata", "organisationscheme", "transformationscheme", "rulesetscheme", "userdefinedoperatorscheme",
            "customtypescheme", "namepersonalisationscheme", "vtlmappingscheme", "valuelist");

    private static final String DATA_TYPES = SdmxFormats.GENERIC_XML + ", " + SdmxFormats.STRUCTURE_SPECIFIC_XML + ", "
            + SdmxFormats.JSON_DATA + ", " + SdmxFormats.CSV_DATA;

    private final ObservationStore observations;
    private final Structures structures;
    private final RenderedResponseCache cache;

    public SdmxResource(ObservationStore observations, Structures structures, RenderedResponseCache cache) {
        this.observations = observations;
        this.structures = structures;
        this.cache = cache;
    }

    @GET
    @Path("data/{flow}")
    @Extension(name = ContractFilter.ERROR_MEDIA_TYPES, value = SdmxExceptionMapper.ERROR_MEDIA_TYPES)
    @Operation(operationId = "getSdmxDataAll", summary = "SDMX data query for all series of a dataflow",
            description = "Formats (Accept or format=): " + DATA_TYPES + "; generic SDMX-ML when no preference. Parameters as in SDMX REST 2.1.")
    @APIResponse(responseCode = "200", description = "Data message in the negotiated format", content = {
            @Content(mediaType = SdmxFormats.GENERIC_XML, schema = @Schema(type = SchemaType.STRING)),
            @Content(mediaType = SdmxFormats.STRUCTURE_SPECIFIC_XML, schema = @Schema(type = SchemaType.STRING)),
            @Content(mediaType = SdmxFormats.JSON_DATA, schema = @Schema(type = SchemaType.OBJECT)),
            @Content(mediaType = SdmxFormats.CSV_DATA, schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "304", description = "Not modified (If-None-Match matched the ETag)")
    @APIResponse(responseCode = "400", description = "Malformed key or parameter, unknown parameter (SDMX error 140/150)")
    @APIResponse(responseCode = "404", description = "No results, unknown code or dataflow (SDMX error 100)")
    @APIResponse(responseCode = "406", description = "Format not offered (SDMX error 406)")
    @APIResponse(responseCode = "413", description = "More than 1,000,000 observations (SDMX error 510)")
    @APIResponse(responseCode = "501", description = "includeHistory=true, or firstN/lastN with another dimensionAtObservation (SDMX error 501)")
    @APIResponse(responseCode = "503", description = "updatedAfter/asOf while a publish is committing: ask again (SDMX error 503)")
    public Response dataAll(@PathParam("flow") String flow, @QueryParam("startPeriod") String startPeriod,
                            @QueryParam("endPeriod") String endPeriod, @QueryParam("updatedAfter") String updatedAfter,
                            @QueryParam("firstNObservations") String firstN, @QueryParam("lastNObservations") String lastN,
                            @QueryParam("dimensionAtObservation") String dimensionAtObservation, @QueryParam("detail") String detail,
                            @QueryParam("includeHistory") String includeHistory, @QueryParam("asOf") String asOf,
                            @QueryParam("format") String format, @HeaderParam("Accept") String accept,
                            @HeaderParam("If-None-Match") String ifNoneMatch, @Context UriInfo uri,
                                         @Context HttpHeaders headers) {
        return data(flow, "all", null, format, accept, ifNoneMatch, uri, headers.getHeaderString(HttpHeaders.ACCEPT_ENCODING));
    }

    @GET
    @Path("data/{flow}/{key}")
    @Extension(name = ContractFilter.ERROR_MEDIA_TYPES, value = SdmxExceptionMapper.ERROR_MEDIA_TYPES)
    @Operation(operationId = "getSdmxData", summary = "SDMX data query: key FREQ.REF_AREA.INDICATOR.SEX.AGE.URBANISATION (+ for or, empty for any)",
            description = "REF_AREA takes ISO alpha-3 or UN M49 codes. Formats (Accept or format=): " + DATA_TYPES + ".")
    @APIResponse(responseCode = "200", description = "Data message in the negotiated format", content = {
            @Content(mediaType = SdmxFormats.GENERIC_XML, schema = @Schema(type = SchemaType.STRING)),
            @Content(mediaType = SdmxFormats.STRUCTURE_SPECIFIC_XML, schema = @Schema(type = SchemaType.STRING)),
            @Content(mediaType = SdmxFormats.JSON_DATA, schema = @Schema(type = SchemaType.OBJECT)),
            @Content(mediaType = SdmxFormats.CSV_DATA, schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "304", description = "Not modified (If-None-Match matched the ETag)")
    @APIResponse(responseCode = "400", description = "Malformed key or parameter, unknown parameter (SDMX error 140/150)")
    @APIResponse(responseCode = "404", description = "No results, unknown code or dataflow (SDMX error 100)")
    @APIResponse(responseCode = "406", description = "Format not offered (SDMX error 406)")
    @APIResponse(responseCode = "413", description = "More than 1,000,000 observations (SDMX error 510)")
    @APIResponse(responseCode = "501", description = "includeHistory=true, or firstN/lastN with another dimensionAtObservation (SDMX error 501)")
    @APIResponse(responseCode = "503", description = "updatedAfter/asOf while a publish is committing: ask again (SDMX error 503)")
    public Response dataByKey(@PathParam("flow") String flow, @PathParam("key") String key,
                              @QueryParam("startPeriod") String startPeriod, @QueryParam("endPeriod") String endPeriod,
                              @QueryParam("updatedAfter") String updatedAfter, @QueryParam("firstNObservations") String firstN,
                              @QueryParam("lastNObservations") String lastN,
                              @QueryParam("dimensionAtObservation") String dimensionAtObservation, @QueryParam("detail") String detail,
                              @QueryParam("includeHistory") String includeHistory, @QueryParam("asOf") String asOf,
                              @QueryParam("format") String format, @HeaderParam("Accept") String accept,
                              @HeaderParam("If-None-Match") String ifNoneMatch, @Context UriInfo uri,
                                         @Context HttpHeaders headers) {
        return data(flow, key, null, format, accept, ifNoneMatch, uri, headers.getHeaderString(HttpHeaders.ACCEPT_ENCODING));
    }

    @GET
    @Path("data/{flow}/{key}/{provider}")
    @Extension(name = ContractFilter.ERROR_MEDIA_TYPES, value = SdmxExceptionMapper.ERROR_MEDIA_TYPES)
    @Operation(operationId = "getSdmxDataByProvider", summary = "SDMX data query restricted to a data provider (agency), or 'all'")
    @APIResponse(responseCode = "200", description = "Data message in the negotiated format", content = {
            @Content(mediaType = SdmxFormats.GENERIC_XML, schema = @Schema(type = SchemaType.STRING)),
            @Content(mediaType = SdmxFormats.STRUCTURE_SPECIFIC_XML, schema = @Schema(type = SchemaType.STRING)),
            @Content(mediaType = SdmxFormats.JSON_DATA, schema = @Schema(type = SchemaType.OBJECT)),
            @Content(mediaType = SdmxFormats.CSV_DATA, schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "304", description = "Not modified (If-None-Match matched the ETag)")
    @APIResponse(responseCode = "400", description = "Malformed key or parameter, unknown parameter (SDMX error 140/150)")
    @APIResponse(responseCode = "404", description = "No results, unknown code or dataflow (SDMX error 100)")
    @APIResponse(responseCode = "406", description = "Format not offered (SDMX error 406)")
    @APIResponse(responseCode = "413", description = "More than 1,000,000 observations (SDMX error 510)")
    @APIResponse(responseCode = "501", description = "includeHistory=true, or firstN/lastN with another dimensionAtObservation (SDMX error 501)")
    @APIResponse(responseCode = "503", description = "updatedAfter/asOf while a publish is committing: ask again (SDMX error 503)")
    public Response dataByKeyAndProvider(@PathParam("flow") String flow, @PathParam("key") String key,
                                         @PathParam("provider") String provider,
                                         @QueryParam("startPeriod") String startPeriod, @QueryParam("endPeriod") String endPeriod,
                                         @QueryParam("updatedAfter") String updatedAfter, @QueryParam("firstNObservations") String firstN,
                                         @QueryParam("lastNObservations") String lastN,
                                         @QueryParam("dimensionAtObservation") String dimensionAtObservation,
                                         @QueryParam("detail") String detail, @QueryParam("includeHistory") String includeHistory,
                                         @QueryParam("asOf") String asOf, @QueryParam("format") String format,
                                         @HeaderParam("Accept") String accept, @HeaderParam("If-None-Match") String ifNoneMatch,
                                         @Context UriInfo uri,
                                         @Context HttpHeaders headers) {
        return data(flow, key, provider, format, accept, ifNoneMatch, uri, headers.getHeaderString(HttpHeaders.ACCEPT_ENCODING));
    }

    /**
     * Serves a rendered message from the cache while the data version is unchanged, with an ETag so
     * syncing clients get 304 Not Modified for a repeated query. A cached message is also held gzipped
     * once a client asked for gzip (compressed once): such clients, as SDMX clients are, get those bytes
     * instead of a compression per request, which costs more than the rest of a cached answer (issue 16).
     * An uncached answer is compressed by the HTTP layer as usual.
     */
    private Response data(String flow, String key, String provider, String format, String accept, String ifNoneMatch, UriInfo uri,
                          String acceptEncoding) {
        DataQuery query = DataQuery.parse(flow, key, provider, uri.getQueryParameters(), SdmxFormats.data(format, accept));
        long version = observations.dataVersion();
        String cacheKey = query.cacheKey();
        boolean gzip = RenderedResponseCache.acceptsGzip(acceptEncoding);
        // one ETag per representation: the gzipped bytes are another representation of the same message
        String etag = "\"v" + version + "-" + Integer.toHexString(cacheKey.hashCode()) + (gzip ? "-gz" : "") + "\"";
        if (etag.equals(ifNoneMatch)) {
            return Response.notModified().header("ETag", etag).header("Vary", "Accept, Accept-Encoding").build();
        }
        RenderedResponseCache.Entry entry = cache.get(cacheKey, version);
        if (entry == null) {
            entry = new RenderedResponseCache.Entry(version, render(query, uri), null, query.format().mediaType);
            // updatedAfter answers move with every poll: caching them would only evict useful entries
            if (query.updatedAfter() == null && cache.accepts(entry.body().length)) {
                entry = gzip ? entry.withGzipped() : entry;
                cache.put(cacheKey, entry);
            }
        } else if (gzip && entry.gzipped() == null) {
            entry = entry.withGzipped();   // compressed once, on the first gzip request for this message
            cache.put(cacheKey, entry);
        }
        Response.ResponseBuilder response = gzip && entry.gzipped() != null
                // Content-Encoding set here: the HTTP layer's compression leaves the body as it is
                ? Response.ok(entry.gzipped()).header("Content-Encoding", "gzip")
                : Response.ok(entry.body());
        return response.type(entry.mediaType()).header("ETag", etag).header("Vary", "Accept, Accept-Encoding").build();
    }

    private byte[] render(DataQuery query, UriInfo uri) {
        Structures.Snapshot snapshot = structures.get();
        List<List<String>> filters = resolveCodes(query.key(), snapshot);
        if (!filters.get(0).isEmpty() && !filters.get(0).contains("A")) {
            throw SdmxException.noResults("Only annual data (FREQ A) is held");
        }
        ObservationStore.Criteria criteria = new ObservationStore.Criteria(filters.get(2), filters.get(1), filters.get(3),
                filters.get(4), filters.get(5), query.startYear(), query.endYear(), query.asOf(), query.updatedAfter(),
                query.lastN(), query.firstN());
        List<ObservationStore.Row> rows;
        try {
            rows = observations.find(criteria, MAX_OBSERVATIONS + 1, 0);
        } catch (ObservationStore.PublishInProgress e) {
            throw SdmxException.unavailable(e.getMessage());
        }
        if (query.provider() != null) {
            String agency = query.provider().contains(",") ? query.provider().substring(query.provider().lastIndexOf(',') + 1) : query.provider();
            rows = rows.stream().filter(r -> r.provider().equals(agency)).toList();
        }
        if (rows.size() > MAX_OBSERVATIONS) {
            throw SdmxException.tooLarge("More than " + MAX_OBSERVATIONS + " observations match; narrow the key or the period range");
        }
        if (rows.isEmpty()) {
            throw SdmxException.noResults("No observations match " + query.flow());
        }
        List<ObservationStore.Row> result = rows;
        ByteArrayOutputStream body = new ByteArrayOutputStream(1 << 16);
        try {
            switch (query.format()) {
                case GENERIC -> SdmxDataWriter.genericXml(result, snapshot, query, body);
                case STRUCTURE_SPECIFIC -> SdmxDataWriter.structureSpecificXml(result, snapshot, query, body);
                case JSON -> SdmxDataWriter.json(result, snapshot, query, uri.getRequestUri().toString(), body);
                case CSV -> SdmxDataWriter.csv(result, snapshot, query, body);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return body.toByteArray();
    }

    /**
     * Unknown codes in the key: SDMX "no results" naming the code, rather than an empty message.
     * REF_AREA may be a UN M49 code: it is translated to the economy's code.
     */
    private List<List<String>> resolveCodes(List<List<String>> filters, Structures.Snapshot snapshot) {
        List<List<String>> resolved = new ArrayList<>(filters);
        for (int i = 1; i < filters.size(); i++) {
            Structures.Dimension dimension = Structures.DIMENSIONS.get(i);
            Map<String, String> codes = snapshot.codes(dimension.codelist());
            List<String> values = new ArrayList<>();
            for (String code : filters.get(i)) {
                if (codes.containsKey(code)) {
                    values.add(code);
                } else if (i == 1 && snapshot.economy(code) != null) {
                    values.add(snapshot.economy(code));
                } else if (i == 2 && structures.withIndicator(code).indicators().containsKey(code)) {
                    values.add(code);
                } else {
                    throw SdmxException.noResults("Unknown " + dimension.id() + " code '" + code + "' (code list " + dimension.codelist() + ")");
                }
            }
            resolved.set(i, values);
        }
        return resolved;
    }

    // ---- availability ----

    @GET
    @Path("availableconstraint/{flow}{rest: (/[^/]*){0,3}}")
    @Extension(name = ContractFilter.ERROR_MEDIA_TYPES, value = SdmxExceptionMapper.ERROR_MEDIA_TYPES)
    @Operation(operationId = "getSdmxAvailability", summary = "Which codes actually have data for a key: an SDMX-ML 2.1 Actual content constraint",
            description = "/availableconstraint/{flow}/{key}/{provider}/{componentID}; mode=exact only.")
    @APIResponse(responseCode = "200", description = "Structure message with one ContentConstraint (type Actual)",
            content = @Content(mediaType = SdmxFormats.STRUCTURE_XML, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "No data for the key (SDMX error 100)")
    @APIResponse(responseCode = "400", description = "Malformed key or parameter (SDMX error 140/150)")
    @APIResponse(responseCode = "406", description = "Not SDMX-ML 2.1")
    @APIResponse(responseCode = "501", description = "mode=available (SDMX error 501)")
    public Response availability(@PathParam("flow") String flow, @PathParam("rest") String rest,
                                 @QueryParam("mode") String mode, @QueryParam("startPeriod") String startPeriod,
                                 @QueryParam("endPeriod") String endPeriod, @QueryParam("updatedAfter") String updatedAfter,
                                 @QueryParam("references") String references,
                                 @QueryParam("format") String format, @HeaderParam("Accept") String accept, @Context UriInfo uri) {
        SdmxFormats.structure(format, accept);
        for (String name : uri.getQueryParameters().keySet()) {
            if (!Set.of("mode", "startPeriod", "endPeriod", "updatedAfter", "references", "format").contains(name)) {
                throw SdmxException.syntax("Unknown parameter '" + name + "' for availableconstraint");
            }
        }
        if (mode != null && !mode.equalsIgnoreCase("exact")) {
            throw SdmxException.notImplemented("mode=" + mode + " is not implemented; mode=exact is");
        }
        if (references != null && !references.equalsIgnoreCase("none")) {
            throw SdmxException.notImplemented("references on availableconstraint are not implemented; ask /dataflow?references=all");
        }
        String[] parts = rest == null || rest.isEmpty() ? new String[0] : rest.substring(1).split("/", -1);
        String key = parts.length >= 1 ? parts[0] : "all";
        String provider = parts.length >= 2 && !parts[1].equalsIgnoreCase("all") ? parts[1] : null;
        String component = parts.length >= 3 && !parts[2].equalsIgnoreCase("all") ? parts[2] : null;
        SdmxKey.checkFlow(flow);
        List<String> ids = SdmxDataWriter.DIMENSION_IDS;
        if (component != null && !ids.contains(component)) {
            throw SdmxException.semantic("Unknown component '" + component + "'; dimensions are " + ids);
        }
        Structures.Snapshot snapshot = structures.get();
        List<List<String>> filters = resolveCodes(SdmxKey.parseKey(key), snapshot);
        ObservationStore.Criteria criteria = new ObservationStore.Criteria(filters.get(2), filters.get(1), filters.get(3),
                filters.get(4), filters.get(5), SdmxKey.year("startPeriod", startPeriod), SdmxKey.year("endPeriod", endPeriod),
                null, DataQuery.instant("updatedAfter", updatedAfter), null);
        Map<String, List<String>> available;
        try {
            available = observations.available(criteria, provider);
        } catch (ObservationStore.PublishInProgress e) {
            throw SdmxException.unavailable(e.getMessage());
        }
        if (available.get("TIME_PERIOD").isEmpty()) {
            throw SdmxException.noResults("No observations match " + flow + "/" + key);
        }
        return Response.ok(SdmxXml.availability(available, component)).type(SdmxFormats.STRUCTURE_XML).build();
    }

    // ---- structure queries ----

    @GET
    @Path("dataflow{rest: (/.*)?}")
    @Extension(name = ContractFilter.ERROR_MEDIA_TYPES, value = SdmxExceptionMapper.ERROR_MEDIA_TYPES)
    @Operation(operationId = "getSdmxDataflows", summary = "SDMX dataflow query, e.g. /dataflow/WSIS/DF_ICT/1.0 (references=all adds the DSD, concepts and code lists)")
    @APIResponse(responseCode = "200", description = "SDMX-ML 2.1 structure message",
            content = @Content(mediaType = SdmxFormats.STRUCTURE_XML, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "Malformed path or unknown parameter (SDMX error 140)")
    @APIResponse(responseCode = "404", description = "Unknown agency, artefact or version (SDMX error 100)")
    @APIResponse(responseCode = "406", description = "Not SDMX-ML 2.1 (SDMX error 406)")
    @APIResponse(responseCode = "501", description = "detail other than full (SDMX error 501)")
    public Response dataflow(@PathParam("rest") String rest, @QueryParam("references") String references,
                             @QueryParam("detail") String detail, @QueryParam("format") String format,
                             @HeaderParam("Accept") String accept, @Context UriInfo uri) {
        structureRequest(format, accept, detail, uri);
        checkArtefact(rest, Structures.FLOW);
        boolean withReferences = references != null && !references.equalsIgnoreCase("none");
        Structures.Snapshot s = structures.reload();
        Set<String> codelists = withReferences ? new HashSet<>(s.codelistIds()) : Set.of();
        return xml(SdmxXml.structureMessage(s, new SdmxXml.Content(true, withReferences, withReferences, codelists)));
    }

    @GET
    @Path("datastructure{rest: (/.*)?}")
    @Extension(name = ContractFilter.ERROR_MEDIA_TYPES, value = SdmxExceptionMapper.ERROR_MEDIA_TYPES)
    @Operation(operationId = "getSdmxDataStructure", summary = "SDMX data structure query, e.g. /datastructure/WSIS/DSD_ICT/1.0 (with its concepts and code lists)")
    @APIResponse(responseCode = "200", description = "SDMX-ML 2.1 structure message",
            content = @Content(mediaType = SdmxFormats.STRUCTURE_XML, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "Malformed path or unknown parameter (SDMX error 140)")
    @APIResponse(responseCode = "404", description = "Unknown agency, artefact or version (SDMX error 100)")
    @APIResponse(responseCode = "406", description = "Not SDMX-ML 2.1 (SDMX error 406)")
    @APIResponse(responseCode = "501", description = "detail other than full (SDMX error 501)")
    public Response dataStructure(@PathParam("rest") String rest, @QueryParam("references") String references,
                                  @QueryParam("detail") String detail, @QueryParam("format") String format,
                                  @HeaderParam("Accept") String accept, @Context UriInfo uri) {
        structureRequest(format, accept, detail, uri);
        checkArtefact(rest, Structures.DSD);
        Structures.Snapshot s = structures.reload();
        boolean withFlow = references != null && (references.equalsIgnoreCase("all") || references.equalsIgnoreCase("parents")
                || references.equalsIgnoreCase("dataflow") || references.equalsIgnoreCase("parentsandsiblings"));
        return xml(SdmxXml.structureMessage(s, new SdmxXml.Content(withFlow, true, true, new HashSet<>(s.codelistIds()))));
    }

    @GET
    @Path("codelist{rest: (/.*)?}")
    @Extension(name = ContractFilter.ERROR_MEDIA_TYPES, value = SdmxExceptionMapper.ERROR_MEDIA_TYPES)
    @Operation(operationId = "getSdmxCodelists", summary = "SDMX code list query, e.g. /codelist/WSIS/CL_AREA/1.0 (economies annotated with UN M49) or /codelist/WSIS (all)")
    @APIResponse(responseCode = "200", description = "SDMX-ML 2.1 structure message",
            content = @Content(mediaType = SdmxFormats.STRUCTURE_XML, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "Malformed path or unknown parameter (SDMX error 140)")
    @APIResponse(responseCode = "404", description = "Unknown agency, artefact or version (SDMX error 100)")
    @APIResponse(responseCode = "406", description = "Not SDMX-ML 2.1 (SDMX error 406)")
    @APIResponse(responseCode = "501", description = "detail other than full (SDMX error 501)")
    public Response codelist(@PathParam("rest") String rest, @QueryParam("references") String references,
                             @QueryParam("detail") String detail, @QueryParam("format") String format,
                             @HeaderParam("Accept") String accept, @Context UriInfo uri) {
        structureRequest(format, accept, detail, uri);
        Structures.Snapshot s = structures.reload();
        String id = artefactId(rest);
        Set<String> codelists;
        if (id == null) {
            codelists = new HashSet<>(s.codelistIds());
        } else if (s.codelistIds().contains(id)) {
            codelists = Set.of(id);
        } else {
            throw SdmxException.noResults("Unknown code list '" + id + "'; offered " + s.codelistIds());
        }
        return xml(SdmxXml.structureMessage(s, new SdmxXml.Content(false, false, false, codelists)));
    }

    @GET
    @Path("conceptscheme{rest: (/.*)?}")
    @Extension(name = ContractFilter.ERROR_MEDIA_TYPES, value = SdmxExceptionMapper.ERROR_MEDIA_TYPES)
    @Operation(operationId = "getSdmxConceptScheme", summary = "SDMX concept scheme query, e.g. /conceptscheme/WSIS/CS_ICT/1.0")
    @APIResponse(responseCode = "200", description = "SDMX-ML 2.1 structure message",
            content = @Content(mediaType = SdmxFormats.STRUCTURE_XML, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "Malformed path or unknown parameter (SDMX error 140)")
    @APIResponse(responseCode = "404", description = "Unknown agency, artefact or version (SDMX error 100)")
    @APIResponse(responseCode = "406", description = "Not SDMX-ML 2.1 (SDMX error 406)")
    @APIResponse(responseCode = "501", description = "detail other than full (SDMX error 501)")
    public Response conceptScheme(@PathParam("rest") String rest, @QueryParam("references") String references,
                                  @QueryParam("detail") String detail, @QueryParam("format") String format,
                                  @HeaderParam("Accept") String accept, @Context UriInfo uri) {
        structureRequest(format, accept, detail, uri);
        checkArtefact(rest, Structures.CONCEPTS);
        return xml(SdmxXml.structureMessage(structures.get(), new SdmxXml.Content(false, false, true, Set.of())));
    }

    @GET
    @Path("{resource}{rest: (/.*)?}")
    @Extension(name = ContractFilter.ERROR_MEDIA_TYPES, value = SdmxExceptionMapper.ERROR_MEDIA_TYPES)
    @Operation(operationId = "getSdmxUnimplemented", summary = "Any other SDMX REST 2.1 resource: SDMX error 501 (not implemented)")
    @APIResponse(responseCode = "501", description = "An SDMX resource this service does not implement (SDMX error 501)",
            content = @Content(mediaType = SdmxExceptionMapper.XML_ERROR, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "Not an SDMX REST resource")
    public Response unimplemented(@PathParam("resource") String resource, @PathParam("rest") String rest) {
        if (UNIMPLEMENTED.contains(resource)) {
            throw SdmxException.notImplemented("The SDMX resource '" + resource + "' is not implemented; this service offers "
                    + "data, availableconstraint, dataflow, datastructure, codelist and conceptscheme");
        }
        throw SdmxException.noResults("'" + resource + "' is not an SDMX REST 2.1 resource");
    }

    private static void structureRequest(String format, String accept, String detail, UriInfo uri) {
        SdmxFormats.structure(format, accept);
        for (String name : uri.getQueryParameters().keySet()) {
            if (!Set.of("references", "detail", "format").contains(name)) {
                throw SdmxException.syntax("Unknown parameter '" + name + "'; structure queries take references, detail and format");
            }
        }
        if (detail != null && !detail.equalsIgnoreCase("full")) {
            throw SdmxException.notImplemented("detail=" + detail + " is not implemented for structures; detail=full is");
        }
    }

    private static Response xml(String message) {
        return Response.ok(message).type(SdmxFormats.STRUCTURE_XML).build();
    }

    /** /{agency}/{id}/{version}: each may be absent or 'all'/'latest'; another agency, id or version is 404. */
    private static void checkArtefact(String rest, String expectedId) {
        String[] parts = parts(rest);
        if (parts.length > 3) {
            throw SdmxException.syntax("Structure queries are /{agency}/{id}/{version}");
        }
        if (parts.length >= 1 && !parts[0].equals(Structures.AGENCY) && !parts[0].equalsIgnoreCase("all")) {
            throw SdmxException.noResults("No structures of agency '" + parts[0] + "'; this service maintains " + Structures.AGENCY);
        }
        if (parts.length >= 2 && !parts[1].equals(expectedId) && !parts[1].equalsIgnoreCase("all")) {
            throw SdmxException.noResults("Unknown artefact '" + parts[1] + "'; this service offers " + expectedId);
        }
        if (parts.length == 3 && !parts[2].equals(Structures.VERSION) && !parts[2].equalsIgnoreCase("latest")
                && !parts[2].equalsIgnoreCase("all") && !parts[2].equals("+") && !parts[2].equals("~")) {
            throw SdmxException.noResults("Unknown version '" + parts[2] + "'; the current version is " + Structures.VERSION);
        }
    }

    private static String artefactId(String rest) {
        String[] parts = parts(rest);
        if (parts.length >= 1 && !parts[0].equals(Structures.AGENCY) && !parts[0].equalsIgnoreCase("all")) {
            throw SdmxException.noResults("No structures of agency '" + parts[0] + "'");
        }
        return parts.length >= 2 && !parts[1].equalsIgnoreCase("all") ? parts[1] : null;
    }

    private static String[] parts(String rest) {
        if (rest == null || rest.isBlank() || rest.equals("/")) {
            return new String[0];
        }
        return rest.replaceAll("^/|/$", "").split("/");
    }
}
